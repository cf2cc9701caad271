import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * Bearer tokens are 256 random bits, so a fast hash is enough to store them: nobody can
 * brute-force the preimage. (PINs are short and get scrypt instead: see pin-hash.ts.)
 */
/** okd_: a device, oka_: an admin feed, oks_: a staff session, okt_: an event ticket. */
export function newToken(prefix: 'okd' | 'oka' | 'oks' | 'okt'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a staff member types this code on a kiosk touch screen. */
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

export function newEnrollmentCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** What a person may type for a code: any case, with or without the dash or spaces. */
export function normaliseEnrollmentCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
