import type { UnlockVerifier } from '../../shared/protocol/staff';

/**
 * Checks a PIN against the verifier the server issued for this staff session only
 * (PBKDF2-SHA256, server/services/unlock-verifier.ts), with WebCrypto: how a locked tablet
 * opens while the server cannot be reached. It knows nothing of any other session or PIN.
 */
export async function pinMatchesVerifier(pin: string, verifier: UnlockVerifier): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const salt = Uint8Array.from(atob(verifier.salt), (c) => c.charCodeAt(0));
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: verifier.iterations }, key, 256);
  return btoa(String.fromCharCode(...new Uint8Array(bits))) === verifier.hash;
}
