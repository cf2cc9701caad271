/**
 * The id of a pickup's receipt or of one warranty slip, derived from the receipt number
 * (unique: it carries the device's code), so the server can rebuild the same paper for a
 * reprint, QR code included. UUID-shaped (version 8, "custom"); not a secret and not a
 * security boundary: it only names a document. Two FNV-1a 64-bit hashes, synchronous, so
 * the kiosk needs no await inside the handover's transaction.
 */
export function paperId(kind: 'receipt' | 'warranty', receiptNumber: string, unit = 0): string {
  const text = `okno:${kind}:${unit}:${receiptNumber}`;
  const hex = fnv1a64(text, 0xcbf29ce484222325n) + fnv1a64(text, 0x84222325cbf29ce4n);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fnv1a64(text: string, seed: bigint): string {
  let hash = seed;
  for (const byte of utf8(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** UTF-8 bytes (shared code runs where TextEncoder's types are not declared). */
function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return bytes;
}
