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
import { inputProblem, instantShapeProblem, windowProblem } from '../../../shared/protocol/safe-input';
import { parseTolerant } from '../../../shared/protocol/tolerant';
import { storedForm, unstorableForm, type StoredForm } from './stored-form';

/**
 * A transaction of the batch after the checks that need no database: `deferred` (a kind
 * this server does not know yet: the device keeps it and sends it again after the server
 * is updated), `invalid` (a payload that fails its schema, a sender its kind does not
 * accept), or `typed`, its kind and parsed payload together (fields this release does not
 * know are left out of it, and kept in the log: tolerant.ts).
 */
export type Candidate = {
  index: number;
  envelope: TransactionEnvelope;
  /** how it is logged and compared with a resend (stored-form.ts), worked out once */
  stored: StoredForm;
} & (
  | { deferred: { detail: string }; invalid?: undefined; typed?: undefined }
  | { invalid: { reason: RejectReason; detail: string }; typed?: undefined; deferred?: undefined }
  | { invalid?: undefined; typed: TypedTransaction; deferred?: undefined }
);

/**
 * Whether two envelopes with one id are the same transaction sent twice (a retry: a
 * duplicate) or different ones reusing an id (a conflict), as Stripe tells idempotency
 * keys apart. Key order does not matter. The log is compared in SQL the same way
 * (`push-service.ts`, findLogged), so no fingerprint is computed or stored per transaction.
 */
export function sameTransaction(a: TransactionEnvelope, b: TransactionEnvelope): boolean {
  // Compared in their stored form: a payload too deep to compare by recursion is a digest there.
  const [sa, sb] = [storedForm(a), storedForm(b)];
  return a.kind === b.kind && a.seq === b.seq && Date.parse(sa.at) === Date.parse(sb.at) && isDeepStrictEqual(sa.payload, sb.payload);
}

/**
 * `nowMs` is the server's time: a transaction whose own time is no real time, or lies
 * outside the window around it (safe-input.ts), is refused alone, like a payload with
 * text that cannot be stored or printed, nesting too deep or numbers past 2^53.
 */
export function classify(envelope: TransactionEnvelope, index: number, role: DeviceRole, nowMs: number = Date.now()): Candidate {
  // One walk of the payload serves the check and the stored form.
  const shape = instantShapeProblem(envelope.occurredAt);
  const problem = inputProblem(envelope.payload, 'payload');
  const stored = shape || problem ? unstorableForm(envelope) : { at: envelope.occurredAt, payload: envelope.payload };
  const base = { index, envelope, stored };
  const kind = envelope.kind;
  if (!isTransactionKind(kind)) {
    // A newer release's kind: never a final refusal (docs/architecture.md, "Compatibility").
    return { ...base, deferred: { detail: `this server does not know the kind "${kind}" yet: keep it and send it again after the server is updated` } };
  }
  if (!maySend(kind, role)) {
    return { ...base, invalid: { reason: 'role-forbidden', detail: `a ${role} may not send ${kind}` } };
  }
  const timeProblem = shape ?? windowProblem(envelope.occurredAt, nowMs);
  if (timeProblem) return { ...base, invalid: { reason: 'invalid-payload', detail: `occurredAt: ${timeProblem}` } };
  if (problem) return { ...base, invalid: { reason: 'invalid-payload', detail: problem } };
  const parsed = parsePayload(kind, envelope.payload);
  return 'detail' in parsed
    ? { ...base, invalid: { reason: 'invalid-payload', detail: parsed.detail } }
    : { ...base, typed: typedTransaction(kind, parsed.payload) };
}

/** The payload by its own kind's schema; a failure names the field. */
function parsePayload<K extends TransactionKind>(kind: K, payload: unknown): { payload: PayloadMap[K] } | { detail: string } {
  let parsed;
  try {
    parsed = parseTolerant(TRANSACTION_KINDS[kind].payload, payload);
  } catch (error) {
    // A rule of the schema threw (arithmetic past what it can do): that payload alone is refused.
    return { detail: `payload: ${(error as Error).message}` };
  }
  if (parsed.success) return { payload: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { detail: `${['payload', ...issue.path.map(String)].join('.')}: ${issue.message}` };
}

/** A transaction of a kind this server does not know yet: neither logged nor refused; the device sends it again later. */
export function deferredResult(c: Candidate & { deferred: { detail: string } }): PushResult {
  return { id: c.envelope.id, status: 'deferred', reason: 'unsupported-kind', detail: c.deferred.detail };
}

export function resultOf(id: string, reason: RejectReason | null, detail?: string): PushResult {
  if (!reason) return { id, status: 'applied' };
  return detail ? { id, status: 'rejected', reason, detail } : { id, status: 'rejected', reason };
}
