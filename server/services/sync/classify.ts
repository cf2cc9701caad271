import { isDeepStrictEqual } from 'node:util';
import {
  isTransactionKind,
  maySend,
  TRANSACTION_KINDS,
  typedTransaction,
  type PayloadMap,
  type TransactionKind,
  type DeviceRole,
  type PushResult,
  type RejectReason,
  type TransactionEnvelope,
  type TypedTransaction,
} from '../../../shared/protocol';

/**
 * A transaction of the batch after the checks that need no database: either `invalid`
 * (unknown kind, a payload that fails its schema, a sender its kind does not accept), or
 * `typed`, its kind and parsed payload together.
 */
export type Candidate = {
  index: number;
  envelope: TransactionEnvelope;
} & ({ invalid: { reason: RejectReason; detail: string }; typed?: undefined } | { invalid?: undefined; typed: TypedTransaction });

/**
 * Whether two envelopes with one id are the same transaction sent twice (a retry: a
 * duplicate) or different ones reusing an id (a conflict), as Stripe tells idempotency
 * keys apart. Key order does not matter. The log is compared in SQL the same way
 * (`push-service.ts`, findLogged), so no fingerprint is computed or stored per transaction.
 */
export function sameTransaction(a: TransactionEnvelope, b: TransactionEnvelope): boolean {
  return a.kind === b.kind && a.seq === b.seq && Date.parse(a.occurredAt) === Date.parse(b.occurredAt) && isDeepStrictEqual(a.payload, b.payload);
}

export function classify(envelope: TransactionEnvelope, index: number, role: DeviceRole): Candidate {
  const kind = envelope.kind;
  if (!isTransactionKind(kind)) {
    return { index, envelope, invalid: { reason: 'unsupported-kind', detail: `unknown kind "${kind}"` } };
  }
  if (!maySend(kind, role)) {
    return { index, envelope, invalid: { reason: 'role-forbidden', detail: `a ${role} may not send ${kind}` } };
  }
  const parsed = parsePayload(kind, envelope.payload);
  return 'detail' in parsed
    ? { index, envelope, invalid: { reason: 'invalid-payload', detail: parsed.detail } }
    : { index, envelope, typed: typedTransaction(kind, parsed.payload) };
}

/** The payload by its own kind's schema; a failure names the field. */
function parsePayload<K extends TransactionKind>(kind: K, payload: unknown): { payload: PayloadMap[K] } | { detail: string } {
  const parsed = TRANSACTION_KINDS[kind].payload.safeParse(payload);
  if (parsed.success) return { payload: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { detail: `${['payload', ...issue.path.map(String)].join('.')}: ${issue.message}` };
}

export function resultOf(id: string, reason: RejectReason | null, detail?: string): PushResult {
  if (!reason) return { id, status: 'applied' };
  return detail ? { id, status: 'rejected', reason, detail } : { id, status: 'rejected', reason };
}
