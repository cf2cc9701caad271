import { sha256Hex } from './sha256';

/**
 * The kiosk confirms a typed order code with the last 4 digits of the customer's phone,
 * offline too, so it caches a hash of them instead of the digits. The order code is
 * mixed in so equal digits on two orders do not give equal hashes. Four digits are
 * guessable by brute force, which is why lookups are also rate limited and locked.
 */
export function phoneLast4Hash(orderCode: string, last4: string): string {
  return sha256Hex(phoneLast4Message(orderCode, last4));
}

/** What is hashed: devices hash it with WebCrypto (renderer/hashing/digest.ts), the server with this file's SHA-256. */
export function phoneLast4Message(orderCode: string, last4: string): string {
  return `okno:phone4:${orderCode}:${last4}`;
}
