import type { UnlockVerifier } from '../../shared/protocol/staff';

/**
 * Checks a typed code against the verifier the server issued for this staff session's
 * offline unlock code (PBKDF2-SHA256, server/services/unlock-verifier.ts), with WebCrypto:
 * how a locked tablet opens while the server cannot be reached. The code is the
 * session's own, never the PIN: brute-forcing the verifier yields a code that opens
 * this session's lock and nothing else.
 */
export async function codeMatchesVerifier(code: string, verifier: UnlockVerifier): Promise<boolean> {
  if (code.length === 0) return false;
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(code), 'PBKDF2', false, ['deriveBits']);
  const salt = Uint8Array.from(atob(verifier.salt), (c) => c.charCodeAt(0));
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: verifier.iterations }, key, 256);
  return btoa(String.fromCharCode(...new Uint8Array(bits))) === verifier.hash;
}
