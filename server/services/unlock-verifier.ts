import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { UnlockVerifier } from '../../shared/protocol/staff';

const derive = promisify(pbkdf2);
/** Enough to make guessing a 4–8 digit PIN from a stolen tablet slow; the tablet's WebCrypto computes the same. */
export const UNLOCK_ITERATIONS = 200_000;

/**
 * What a tablet may check the PIN against offline, for one session only: PBKDF2-SHA256
 * with a fresh salt. Made at sign-in, the only time the server sees the PIN in clear.
 */
export async function makeUnlockVerifier(pin: string): Promise<UnlockVerifier> {
  const salt = randomBytes(16);
  const hash = await derive(pin, salt, UNLOCK_ITERATIONS, 32, 'sha256');
  return { algorithm: 'pbkdf2-sha256', iterations: UNLOCK_ITERATIONS, salt: salt.toString('base64'), hash: hash.toString('base64') };
}
