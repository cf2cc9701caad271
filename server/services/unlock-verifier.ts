import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { UnlockVerifier } from '../../shared/protocol/staff';

const derive = promisify(pbkdf2);
/**
 * The tablet's WebCrypto computes the same. It slows a guess, no more: the code has 10⁴
 * values, so a brute force of a stolen tablet's verifier takes minutes. That is bearable
 * only because what it yields opens this session's lock on that tablet and nothing else.
 */
export const UNLOCK_ITERATIONS = 200_000;

/**
 * What a tablet checks its offline unlock code against, for one session only:
 * PBKDF2-SHA256 of the session's own random 4-digit code (never of the sign-in PIN, which
 * would fall to the same brute force and be a sign-in on every tablet), with a fresh
 * salt. Made at sign-in, beside the code it is handed out with.
 */
export async function makeUnlockVerifier(unlockCode: string): Promise<UnlockVerifier> {
  const salt = randomBytes(16);
  const hash = await derive(unlockCode, salt, UNLOCK_ITERATIONS, 32, 'sha256');
  return { algorithm: 'pbkdf2-sha256', iterations: UNLOCK_ITERATIONS, salt: salt.toString('base64'), hash: hash.toString('base64') };
}
