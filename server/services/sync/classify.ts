import { isDeepStrictEqual } from 'node:util';
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
  /** set when the kind is unknown or the payload fails its schema */
  invalid?: { reason: RejectReason; detail: string };
  kind?: TransactionKind;
  payload?: unknown;
};

/**
 * Whether two envelopes with one id are the same transaction sent twice (a retry: a
 * duplicate) or different ones reusing an id (a conflict), as Stripe tells idempotency
 * keys apart. Key order does not matter. The log is compared in SQL the same way
 * (`push-service.ts`, findLogged), so no fingerprint is computed or stored per transaction.
 */
export function sameTransaction(a: TransactionEnvelope, b: TransactionEnvelope): boolean {
  return a.kind === b.kind && a.seq === b.seq && Date.parse(a.occurredAt) === Date.parse(b.occurredAt) && isDeepStrictEqual(a.payload, b.payload);
}

export function classify(envelope: TransactionEnvelope, index: number): Candidate {
  if (!isTransactionKind(envelope.kind)) {
    return { index, envelope, invalid: { reason: 'unsupported-kind', detail: `unknown kind "${envelope.kind}"` } };
  }
  const parsed = TransactionPayloads[envelope.kind].safeParse(envelope.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ['payload', ...issue.path.map(String)].join('.');
    return { index, envelope, invalid: { reason: 'invalid-payload', detail: `${field}: ${issue.message}` } };
  }
  return { index, envelope, kind: envelope.kind, payload: parsed.data };
}

export function resultOf(id: string, reason: RejectReason | null, detail?: string): PushResult {
  if (!reason) return { id, status: 'applied' };
  return detail ? { id, status: 'rejected', reason, detail } : { id, status: 'rejected', reason };
}
