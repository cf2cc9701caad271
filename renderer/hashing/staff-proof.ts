import { STAFF_PROOF_ALGORITHM, STAFF_PROOF_SIGN } from '../../shared/domain/staff-proof';

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/**
 * A staff session's key pair, made on the tablet at sign-in: the private half is a
 * non-extractable WebCrypto key held in memory only (no script can read it out, and a
 * reload or sign-out drops it), the public half goes to the server with the sign-in.
 */
export async function makeSessionKey(): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = await crypto.subtle.generateKey(STAFF_PROOF_ALGORITHM, false, ['sign', 'verify']);
  return { privateKey: pair.privateKey, publicKey: base64(await crypto.subtle.exportKey('spki', pair.publicKey)) };
}

/**
 * The keys of the staff sessions open on this tablet, by session id: what the outbox
 * signs a staff member's transactions with (db/local-changes.ts). A session without its
 * key here can author nothing: its id alone grants nothing on the server either.
 */
export class StaffKeys {
  private readonly keys = new Map<string, CryptoKey>();

  add(sessionId: string, privateKey: CryptoKey): void {
    this.keys.set(sessionId, privateKey);
  }

  remove(sessionId: string): void {
    this.keys.delete(sessionId);
  }

  has(sessionId: string): boolean {
    return this.keys.has(sessionId);
  }

  /** The signature (base64, IEEE P1363 as the server reads it), or null when this tablet holds no key for the session. */
  async sign(sessionId: string, message: string): Promise<string | null> {
    const key = this.keys.get(sessionId);
    if (!key) return null;
    return base64(await crypto.subtle.sign(STAFF_PROOF_SIGN, key, new TextEncoder().encode(message)));
  }
}
