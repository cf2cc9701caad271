import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { ValidationError } from '../errors';

/**
 * A staff session's public key as the tablet sends it at sign-in: SPKI DER, base64, of
 * an ECDSA P-256 key (WebCrypto's `exportKey('spki', …)`). Anything else is refused by
 * name, so a tablet with a broken key learns it at sign-in, not at its first sale.
 */
export function parseSessionPublicKey(base64: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    throw new ValidationError('publicKey: not a public key (SPKI, base64)', 'publicKey');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new ValidationError('publicKey: must be an ECDSA P-256 key', 'publicKey');
  }
  return key;
}

/**
 * Whether `signature` (base64, IEEE P1363 r‖s as WebCrypto writes it) is the session
 * key's over `message`. A malformed key or signature is simply not a proof.
 */
export function verifyStaffProof(publicKey: string | KeyObject, message: string, signature: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }) : publicKey;
    return verify('sha256', Buffer.from(message, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
