import { sha256Hex } from './sha256';

/**
 * The kiosk confirms a typed order code with the last 4 digits of the customer's phone,
 * offline too, so it caches a hash of them instead of the digits. The order code is
 * mixed in so equal digits on two orders do not give equal hashes. Four digits are 10⁴
 * guesses, so this hash (which the server keeps) reaches devices only keyed with their
 * branch's key: HMAC-SHA256(key, this SHA-256) (server/repositories/order-repo.ts,
 * renderer/hashing/keyed-hash.ts). Lookups are also rate limited and locked.
 */
export function phoneLast4Hash(orderCode: string, last4: string): string {
  return sha256Hex(phoneLast4Message(orderCode, last4));
}

/** What is hashed: devices hash it with WebCrypto (renderer/hashing/digest.ts), the server with this file's SHA-256. */
export function phoneLast4Message(orderCode: string, last4: string): string {
  return `okno:phone4:${orderCode}:${last4}`;
}
