import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { isTransactionKind, staffSessionOf, type PayloadMap, type TransactionEnvelope, type TransactionKind } from '../../../shared/protocol';
import { staffProofMessage } from '../../../shared/domain/staff-proof';

/** A session key pair as a tablet makes one: the public half as the sign-in sends it (SPKI, base64). */
export function sessionKeyPair(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), privateKey };
}

/** A transaction signed with a key, as the tablet's outbox signs it (IEEE P1363, as WebCrypto writes it). */
export function signWith(privateKey: KeyObject, tx: TransactionEnvelope): TransactionEnvelope {
  const signature = sign('sha256', Buffer.from(staffProofMessage(tx), 'utf8'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
  return { ...tx, signature };
}

/**
 * The keys of the staff sessions a test signed in, by session id: a test's tablet signs
 * what its staff author, as a real tablet's outbox does. A transaction that already
 * carries a signature (a forgery under test) or names a session it has no key for is
 * left as it is.
 */
export class TestStaffKeys {
  private readonly keys = new Map<string, KeyObject>();

  remember(sessionId: string, privateKey: KeyObject): void {
    this.keys.set(sessionId, privateKey);
  }

  keyOf(sessionId: string): KeyObject | undefined {
    return this.keys.get(sessionId);
  }

  sign(tx: TransactionEnvelope): TransactionEnvelope {
    if (tx.signature !== undefined || !isTransactionKind(tx.kind)) return tx;
    let sessionId: string | null;
    try {
      sessionId = staffSessionOf({ kind: tx.kind as TransactionKind, payload: tx.payload as PayloadMap[TransactionKind] } as Parameters<typeof staffSessionOf>[0]);
    } catch {
      return tx; // a payload too broken to name its session
    }
    const key = sessionId ? this.keys.get(sessionId) : undefined;
    if (!key) return tx;
    try {
      return signWith(key, tx);
    } catch {
      return tx; // a payload nested past what can be written down (the server refuses it for that first)
    }
  }
}
