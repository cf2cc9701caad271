/**
 * SHA-256 as lowercase hex with the browser's own WebCrypto, for checking a scanned secret
 * against its cached hash (a phone's digits and a card's number are keyed: keyed-hash.ts).
 * The same digest as shared/domain/sha256.ts, which the server uses; the kiosk leaves that
 * pure-JS version out of its bundle (its JavaScript has a budget: docs/benchmarks.md).
 */
export async function sha256HexAsync(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
