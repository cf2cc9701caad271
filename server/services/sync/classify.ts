import { canonicalJson } from '../../../shared/domain/canonical-json';
import { hash } from 'node:crypto';
import {
  isTransactionKind,
  TransactionPayloads,
  type PushResult,
  type RejectReason,
  type TransactionEnvelope,
  type TransactionKind,
} from '../../../shared/protocol';

/** A transaction of the batch after the checks that need no database. */
export type Candidate = {
  index: number;
  envelope: TransactionEnvelope;
  hash: string;
  /** set when the kind is unknown or the payload fails its schema */
  invalid?: { reason: RejectReason; detail: string };
  kind?: TransactionKind;
  payload?: unknown;
};

/**
 * The fingerprint that tells a retried transaction (same id, same content: a duplicate)
 * from a different one reusing an id (a conflict), as Stripe does for idempotency keys.
 */
export function fingerprint(t: TransactionEnvelope): string {
  const text = canonicalJson({ kind: t.kind, seq: t.seq, occurredAt: t.occurredAt, payload: t.payload });
  return hash('sha256', text, 'hex');
}

export function classify(envelope: TransactionEnvelope, index: number): Candidate {
  const hash = fingerprint(envelope);
  if (!isTransactionKind(envelope.kind)) {
    return { index, envelope, hash, invalid: { reason: 'unsupported-kind', detail: `unknown kind "${envelope.kind}"` } };
  }
  const parsed = TransactionPayloads[envelope.kind].safeParse(envelope.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['payload', ...issue.path.map(String)].join('.');
    return { index, envelope, hash, invalid: { reason: 'invalid-payload', detail: `${field}: ${issue.message}` } };
  }
  return { index, envelope, hash, kind: envelope.kind, payload: parsed.data };
}

export function resultOf(id: string, reason: RejectReason | null, detail?: string): PushResult {
  if (!reason) return { id, status: 'applied' };
  return detail ? { id, status: 'rejected', reason, detail } : { id, status: 'rejected', reason };
}
