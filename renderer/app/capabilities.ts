/**
 * What the page needs of its browser, each for a promise okno makes: IndexedDB keeps the
 * outbox and the orders; Web Locks keep two windows from syncing at once; WebCrypto checks
 * phone digits, QR and card codes and unlocks a tablet offline. Browsers give the last two
 * only to a secure context (HTTPS, or localhost), so a page opened over plain HTTP on a
 * LAN address has neither.
 */
export type Capability = 'secure-context' | 'indexeddb' | 'web-locks' | 'webcrypto';

type Env = { isSecureContext?: boolean; indexedDB?: unknown; navigator?: { locks?: unknown }; crypto?: { subtle?: unknown } };

export function missingCapabilities(env: Env): Capability[] {
  const missing: Capability[] = [];
  if (!env.isSecureContext) missing.push('secure-context');
  if (!env.indexedDB) missing.push('indexeddb');
  if (!env.navigator?.locks) missing.push('web-locks');
  if (!env.crypto?.subtle) missing.push('webcrypto');
  return missing;
}
