import { canonicalJson } from './canonical-json';

/**
 * What a staff session's key signs for one staff-authored transaction: everything that
 * makes it what it is (its id, its place in the device's sequence, its kind, its time,
 * its payload), so a signature cannot be moved to another transaction, another seq or
 * another payload. The tablet signs it with the session's non-extractable ECDSA P-256
 * key (renderer/staff/session-key.ts); the server verifies it with the public key the
 * tablet gave at sign-in (server/services/sync/staff-check.ts).
 */
export function staffProofMessage(tx: { id: string; seq: number; kind: string; occurredAt: string; payload: unknown }): string {
  return ['okno:staff-proof:v1', tx.id, String(tx.seq), tx.kind, tx.occurredAt, canonicalJson(tx.payload)].join('\n');
}

/** The signature scheme, as WebCrypto names it; the server's is ECDSA with SHA-256 and IEEE P1363 signatures (r‖s). */
export const STAFF_PROOF_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const STAFF_PROOF_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
