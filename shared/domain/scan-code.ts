import { checkOrderCode } from './order-code';
import { sha256Hex } from './sha256';

/**
 * What a pickup's QR code (or barcode) carries: the order code and a secret the shop
 * generated for that order, `47110004-K7M2Q9XW4P3RT6YA`. The SMS or slip shows the order
 * code in digits and the secret only inside the code, so a scan proves the customer holds
 * the slip or the phone; knowing or guessing an order code is not enough. Devices keep
 * only a hash of the secret, salted with the order code, like the phone digits'.
 *
 * Letters and digits and one dash only: a keyboard-wedge scanner types them the same on
 * every keyboard layout (renderer/input/scan-detector.ts reads physical keys).
 */
export const SCAN_SECRET_LENGTH = 16;
/** Crockford's base32: no I, L, O or U, so a secret read aloud or retyped stays unambiguous. */
export const SCAN_SECRET_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET = new RegExp(`^[${SCAN_SECRET_ALPHABET}]{${SCAN_SECRET_LENGTH}}$`);

export function isScanSecret(text: string): boolean {
  return SECRET.test(text);
}

export function scanSecretHash(orderCode: string, secret: string): string {
  return sha256Hex(scanSecretMessage(orderCode, secret));
}

/** What is hashed (renderer/hashing/digest.ts hashes the same with WebCrypto on devices). */
export function scanSecretMessage(orderCode: string, secret: string): string {
  return `okno:scan:${orderCode}:${secret.toUpperCase()}`;
}

export function formatScanCode(orderCode: string, secret: string): string {
  return `${orderCode}-${secret}`;
}

/**
 * `with-secret`: a pickup QR; `code-only`: a bare order code (an old slip's barcode, or
 * fast typing on a keyboard), which proves nothing and is confirmed like a typed code;
 * null: not a pickup code at all.
 */
export type ParsedScan = { kind: 'with-secret'; orderCode: string; secret: string } | { kind: 'code-only'; orderCode: string };

export function parseScanCode(text: string): ParsedScan | null {
  const upper = text.trim().toUpperCase();
  const match = /^(\d{8})-([0-9A-Z]+)$/.exec(upper);
  if (match) {
    const checked = checkOrderCode(match[1]!);
    return checked.ok && isScanSecret(match[2]!) ? { kind: 'with-secret', orderCode: checked.code, secret: match[2]! } : null;
  }
  const plain = checkOrderCode(upper);
  return plain.ok ? { kind: 'code-only', orderCode: plain.code } : null;
}
