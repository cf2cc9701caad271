import type { KioskDb } from '../db/kiosk-db';

/**
 * Card and phone-digit hashes keyed with the branch's key, with WebCrypto: HMAC-SHA256
 * over the SHA-256 of the same message the unkeyed hash was made of
 * (shared/domain/card-code.ts, phone-check.ts). The server keys what it sends the same way,
 * in SQL (server/db/migrations/024_branch_hash_key.sql). A 13-digit card number or 4 phone
 * digits are too few to hide behind a plain hash; without the key, a kiosk's copy of the
 * hashes cannot be tried against the numbers there are.
 *
 * The key comes with every pull (`hashKey`) and is kept as a CryptoKey that cannot be
 * exported: no script, the page's own included, reads its bytes back, and a dump of the
 * store (what a page or its developer tools can read) holds an opaque object. What that does
 * not cover, said plainly: Chromium writes a CryptoKey into its IndexedDB files in a form
 * a person who copies the disk and parses those files can take the key from; and a plain
 * browser keeps the device token beside it, with which a thief could pull the key from the
 * server until staff remove the device. Electron keeps the token in the OS keychain; the
 * key is not sealed there yet (docs/architecture.md, Privacy).
 */
export function importHashKey(base64url: string): Promise<CryptoKey> {
  const raw = Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** The keyed hash of a message, lowercase hex. */
export async function keyedHashHex(key: CryptoKey, message: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(message));
  const mac = await crypto.subtle.sign('HMAC', key, digest);
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The keyed hash with the key this device holds; null before its first pull from a server
 * that keys hashes: nothing it holds can match then, so the caller finds nothing.
 */
export async function branchHash(db: KioskDb, message: string): Promise<string | null> {
  const key = await db.getSetting('hashKey');
  return key ? keyedHashHex(key, message) : null;
}
