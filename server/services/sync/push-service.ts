import type { Db, Queryable } from '../../db/db';
import { isUniqueViolation } from '../../db/unique-violation';
import { isDatabaseUnavailable, isTransientDatabaseError } from '../../db/unavailable';
import { ClientGoneError, ServerBusyError, UnauthorizedError } from '../../errors';
import { Gate, TURN_WAIT_MS, waitingUntil } from '../../db/gate';
import { staffSessionOf, staffSubjectOf, type PayloadMap, type PushResult, type RejectReason, type TransactionEnvelope, type TransactionKind } from '../../../shared/protocol';
import type { AuditRepo } from '../../repositories/audit-repo';
import type { DeviceRow, DeviceRepo } from '../../repositories/device-repo';
import { deferEvents, flushEvents, type EventRepo } from '../../repositories/event-repo';
import type { StaffRepo } from '../../repositories/staff-repo';
import type { LoggedRow, TransactionLogRepo } from '../../repositories/transaction-log-repo';
import { checkStaffSessions } from './staff-check';
import { instantShapeProblem } from '../../../shared/protocol/safe-input';
import { applyRun } from './appliers';
import type { ApplierMap, NewTransaction, Run } from './applier';
import { runOf } from './applier';
import { classify, deferredResult, resultOf, sameTransaction, type Candidate } from './classify';
import { seqMarks } from './seq-gaps';

/** Where the push service tells of a transaction that failed on the server (the stack, for a developer). */
export type PushLog = { error(details: { err: unknown; transactionId: string; kind: string; device: string }, message: string): void };

type Outcome = { reason: RejectReason | null; detail?: string };

const SERVER_ERROR_DETAIL = 'the server failed on this transaction; it is kept for staff, and the rest of the batch applied';

/** Another device inserted one of our ids between our check and our insert; retry the batch. */
class RaceLostError extends Error {}

export type PushDeps = {
  db: Db;
  devices: Pick<DeviceRepo, 'lockForPush'>;
  log: Pick<TransactionLogRepo, 'findLogged' | 'insert' | 'recordSeqGaps'>;
  staff: Pick<StaffRepo, 'findSessions'>;
  audit: Pick<AuditRepo, 'appendFromSessions'>;
  events: Pick<EventRepo, 'append'>;
  appliers: ApplierMap;
  /** where a transaction that failed on the server is told of (a push's own request log comes first) */
  failures?: PushLog;
};

/**
 * Applies a batch of one device's transactions exactly once, in one database transaction.
 *
 * Invariants:
 * - every id gets one result, in the order sent; one bad transaction never fails the rest;
 * - a transaction's log row and its effects commit together, or neither does;
 * - an id seen before returns its original outcome ("duplicate" when it was applied);
 *   the same id with another payload, or from another device, is an "id-conflict";
 * - pushes of one device are serialised by a row lock on the device, so 50 concurrent
 *   copies of a request apply once and the other 49 answer "duplicate";
 * - a transaction that makes the server fail (a bug, data the code did not foresee) is
 *   rejected alone as "server-error", its stack in the log: a batch that fails is rolled
 *   back and applied again one transaction at a time, each in a database transaction of
 *   its own, so the rest applies and the device is never stuck behind it. The usual push
 *   pays nothing for this. A push fails as a whole only when the database is unreachable
 *   or has a passing hiccup (503; the device sends it again).
 */
export function createPushService({ db, devices, log, staff, audit, events, appliers, failures }: PushDeps) {
  // A push holds a connection for its whole batch (500 pickups: a second or more on a
  // busy machine). Without a bound, a chain's kiosks back from an outage took every
  // connection of the pool, and pulls, event tickets and sign-ins waited behind them
  // until they failed (bench:chain, docs/benchmarks.md). Pushes take at most half, and
  // a line longer than a few rounds of them is told "busy" at once (gate.ts).
  const pool = db.poolUse?.();
  const pushSlots = Math.max(1, Math.floor((pool?.max ?? 2) / 2));
  const pushTurns = pool ? new Gate(pushSlots, TURN_WAIT_MS, 'pushes wait for their turn', pushSlots * 4) : null;
  return {
    /** `gone`: whether the device stopped waiting for the answer; asked once the push's turn came. */
    push(device: DeviceRow, envelopes: TransactionEnvelope[], requestLog?: PushLog, gone?: () => boolean): Promise<PushResult[]> {
      if (!pushTurns) return pushNow(device, envelopes, requestLog);
      // One 15 s for both waits: the pushes' share, then a connection (gate.ts).
      return waitingUntil(Date.now() + TURN_WAIT_MS, () => pushTurns.run(() => {
        // Under a drain's load, a push can wait its turn longer than its device waits for
        // the answer; the device sends it again, so doing it now would only be done twice.
        if (gone?.()) throw new ClientGoneError('the device stopped waiting for this push before its turn came; it sends it again');
        return pushNow(device, envelopes, requestLog);
      }));
    },
  };

  async function pushNow(device: DeviceRow, envelopes: TransactionEnvelope[], requestLog?: PushLog): Promise<PushResult[]> {
    const now = Date.now();
    const classified = envelopes.map((e, i) => classify(e, i, device.role, now));
    // A kind from a newer release is answered at once and touches nothing: not logged,
    // not a seq of the device's yet (a gap until it comes again), never refused.
    const candidates = classified.filter((c) => !c.deferred).map((c, index) => ({ ...c, index }));
    const known = candidates.length > 0 ? await pushKnown(device, candidates, requestLog) : [];
    let next = 0;
    return classified.map((c) => (c.deferred ? deferredResult(c) : known[next++]!));
  }

  /** The transactions of kinds this server knows, in one database transaction (or one at a time, see above). */
  async function pushKnown(device: DeviceRow, candidates: Candidate[], requestLog?: PushLog): Promise<PushResult[]> {
    const logFailure = requestLog ?? failures;
    const deps = { devices, log, staff, audit, events, appliers, ...(logFailure ? { failures: logFailure } : {}) };
    const attempt = (batch: Candidate[]) => withRaceRetries((retry) => db.tx((q) => pushBatch(deps, q, device, batch.map((c, index) => ({ ...c, index })), retry)));
    try {
      return await attempt(candidates);
    } catch (error) {
      if (!containable(error)) throw error;
      // Something failed on one of them (an applier, or a step every transaction shares:
      // the staff check, the audit, the log), and the whole batch was rolled back. Each
      // alone now, in seq order, in a transaction of its own, so the one to blame is
      // rejected by itself and the others apply as they would have.
      logFailure?.error({ err: error, transactionId: candidates.map((c) => c.envelope.id).join(','), kind: 'batch', device: device.code }, 'a batch failed on the server; applying it again one transaction at a time');
      const results: PushResult[] = new Array(candidates.length);
      for (const c of [...candidates].sort((a, b) => a.envelope.seq - b.envelope.seq)) {
        try {
          results[c.index] = (await attempt([c]))[0]!;
        } catch (alone) {
          if (!containable(alone)) throw alone;
          results[c.index] = await db.tx((q) => logServerError(deps, q, device, c, alone));
        }
      }
      return results;
    }
  }
}

/** Runs the batch; a race lost to another device's id is run again with the full lookup, at most twice. */
async function withRaceRetries<T>(run: (retry: boolean) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt > 1);
    } catch (error) {
      if (!(error instanceof RaceLostError) || attempt >= 3) throw error;
    }
  }
}

/** The device's seq mark, its row locked; 401 if its token was revoked or replaced while this push waited. */
async function lockedMark(deps: Pick<PushDeps, 'devices'>, q: Queryable, device: DeviceRow): Promise<number> {
  const mark = await deps.devices.lockForPush(q, device.id, device.token?.hash);
  if (mark === null) throw new UnauthorizedError('this device was taken out of service or replaced: enrol it again');
  return mark;
}

/** The log row of a transaction that failed even alone: rejected as server-error, and the device's mark moved past it. */
async function logServerError(deps: Omit<PushDeps, 'db'>, q: Queryable, device: DeviceRow, c: Candidate, error: unknown): Promise<PushResult> {
  const maxSeq = await lockedMark(deps, q, device);
  const e = c.envelope;
  const [logged] = await deps.log.findLogged(q, device.id, [{ id: e.id, kind: e.kind, seq: e.seq, ...c.stored }]);
  if (logged) return outcomeOfLogged(logged, device);
  deps.failures?.error({ err: error, transactionId: e.id, kind: e.kind, device: device.code }, 'a transaction failed on the server even alone; rejected as server-error');
  const { high, gaps } = seqMarks(maxSeq, [e.seq]);
  await deps.log.insert(q, device.id, [{ id: e.id, seq: e.seq, kind: e.kind, ...c.stored, deviceTime: deviceTimeOf(e), status: 'rejected', reason: 'server-error' }], high);
  await deps.log.recordSeqGaps(q, device.id, gaps);
  // The tablets hear of it like any rejection; in a savepoint, since the event step may be
  // the very thing that failed, and the log row must stay.
  await q.query('SAVEPOINT okno_rejected_event');
  try {
    await deps.events.append(q, device.branchId, [{ audience: 'staff', name: 'transaction.rejected', data: { transactionId: e.id, kind: e.kind, device: device.code } }]);
    await q.query('RELEASE SAVEPOINT okno_rejected_event');
  } catch (eventError) {
    if (isDatabaseUnavailable(eventError)) throw eventError;
    await q.query('ROLLBACK TO SAVEPOINT okno_rejected_event');
  }
  return resultOf(e.id, 'server-error', SERVER_ERROR_DETAIL);
}
export type PushService = ReturnType<typeof createPushService>;

async function pushBatch(deps: Omit<PushDeps, 'db'>, tx: Queryable, device: DeviceRow, candidates: Candidate[], retry: boolean): Promise<PushResult[]> {
  // The batch's events are appended last, just before commit (event-repo.ts says why).
  const q = deferEvents(tx);
  const maxSeq = await lockedMark(deps, q, device);
  const results: PushResult[] = new Array(candidates.length);
  const { fresh, repeats } = splitRepeats(candidates, results);

  // A batch of seqs the device has never sent cannot hold a logged seq, nor a logged id of
  // this device (it would have its old seq, which is at most max_seq). The only thing it
  // can meet is an id another device used: the log insert below catches that, and the
  // retry looks everything up.
  const allNew = !retry && fresh.every((c) => c.envelope.seq > maxSeq);
  const logged = allNew ? { byId: new Map<string, LoggedRow>(), seqs: new Set<number>() } : await findLogged(deps.log, q, device, fresh);
  let newOnes: Candidate[] = [];
  for (const c of fresh) {
    const row = logged.byId.get(c.envelope.id);
    if (row) results[c.index] = outcomeOfLogged(row, device);
    else if (logged.seqs.has(c.envelope.seq)) results[c.index] = resultOf(c.envelope.id, 'seq-reused');
    else newOnes.push(c);
  }
  newOnes.sort((a, b) => a.envelope.seq - b.envelope.seq);
  newOnes = await checkStaffSessions(deps.staff, q, device, newOnes);

  const outcomes = await applyAll(deps.appliers, q, device, newOnes);
  await deps.audit.appendFromSessions(q, device, staffActions(newOnes, outcomes));
  const { high, gaps } = seqMarks(maxSeq, newOnes.map((c) => c.envelope.seq));
  await insertLogRows(deps.log, q, device, newOnes, outcomes, high);
  await deps.log.recordSeqGaps(q, device.id, gaps);
  // The tablets' lists of rejected transactions hear of a new one at once.
  await deps.events.append(q, device.branchId, newOnes.filter((c) => outcomes.get(c.envelope.id)!.reason).map((c) => ({
    audience: 'staff' as const, name: 'transaction.rejected', data: { transactionId: c.envelope.id, kind: c.envelope.kind, device: device.code },
  })));

  for (const c of newOnes) {
    const o = outcomes.get(c.envelope.id)!;
    results[c.index] = resultOf(c.envelope.id, o.reason, o.detail);
  }
  for (const { candidate, first } of repeats) {
    const original = results[first.index]!;
    results[candidate.index] =
      !sameTransaction(candidate.envelope, first.envelope)
        ? resultOf(candidate.envelope.id, 'id-conflict')
        : original.status === 'applied'
          ? { id: candidate.envelope.id, status: 'duplicate' }
          : original;
  }
  await flushEvents(q);
  return results;
}

/** The same id twice in one batch: the second copy is answered like a retry of the first. */
function splitRepeats(candidates: Candidate[], results: PushResult[]) {
  const firstById = new Map<string, Candidate>();
  const seqs = new Set<number>();
  const fresh: Candidate[] = [];
  const repeats: { candidate: Candidate; first: Candidate }[] = [];
  for (const c of candidates) {
    const first = firstById.get(c.envelope.id);
    if (first) repeats.push({ candidate: c, first });
    else if (seqs.has(c.envelope.seq)) {
      firstById.set(c.envelope.id, c);
      results[c.index] = resultOf(c.envelope.id, 'seq-reused');
    } else {
      firstById.set(c.envelope.id, c);
      seqs.add(c.envelope.seq);
      fresh.push(c);
    }
  }
  return { fresh, repeats };
}

async function findLogged(log: PushDeps['log'], q: Queryable, device: DeviceRow, fresh: Candidate[]) {
  const sent = fresh.map((c) => ({ id: c.envelope.id, kind: c.envelope.kind, seq: c.envelope.seq, ...c.stored }));
  const rows = await log.findLogged(q, device.id, sent);
  return {
    byId: new Map(rows.map((r) => [r.id, r])),
    seqs: new Set(rows.filter((r) => r.deviceId === device.id).map((r) => r.seq)),
  };
}

function outcomeOfLogged(row: LoggedRow, device: DeviceRow): PushResult {
  if (row.deviceId !== device.id || !row.same) return resultOf(row.id, 'id-conflict');
  if (row.status === 'applied') return { id: row.id, status: 'duplicate' };
  return resultOf(row.id, row.reason ?? 'invalid-payload');
}

/** Runs of consecutive transactions of one kind go to that kind's applier, keeping seq order across kinds. */
function runsByKind(candidates: Candidate[]): Run[] {
  const runs: Run[] = [];
  for (const c of candidates) {
    if (!c.typed) continue;
    const last = runs.at(-1);
    if (!last || !extendRun(last, c)) runs.push(startRun(c.typed, c.envelope));
  }
  return runs;
}

type Meta = Pick<TransactionEnvelope, 'id' | 'seq' | 'occurredAt'>;
const newTx = <P>(e: Meta, payload: P) => ({ id: e.id, seq: e.seq, occurredAt: e.occurredAt, payload });

function startRun<K extends TransactionKind>(typed: { kind: K; payload: PayloadMap[K] }, e: Meta): Run {
  return runOf(typed.kind, [newTx(e, typed.payload)]);
}

/** Adds the candidate to the run when it is of the run's kind (a run holds one kind's payloads only). */
function extendRun(run: Run, c: Candidate): boolean {
  const typed = c.typed;
  if (!typed || typed.kind !== run.kind) return false;
  appendSameKind(run, typed, c.envelope);
  return true;
}

function appendSameKind<K extends TransactionKind>(run: { kind: K; txs: NewTransaction<PayloadMap[K]>[] }, typed: { kind: K; payload: PayloadMap[K] }, e: Meta): void {
  run.txs.push(newTx(e, typed.payload));
}

/** Each run of one kind goes to its applier in seq order, so a later run sees an earlier one's effects. */
async function applyAll(appliers: ApplierMap, q: Queryable, device: DeviceRow, newOnes: Candidate[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  for (const c of newOnes) outcomes.set(c.envelope.id, c.invalid ? { reason: c.invalid.reason, detail: c.invalid.detail } : { reason: null });
  for (const run of runsByKind(newOnes)) {
    const rejected = await applyRun(appliers, q, device, run);
    for (const [id, reason] of rejected) outcomes.set(id, { reason });
  }
  return outcomes;
}

/** The device's own clock as it sent it, when it is a real time (it is only kept, never judged). */
function deviceTimeOf(e: TransactionEnvelope): string | null {
  return e.deviceTime && !instantShapeProblem(e.deviceTime) ? e.deviceTime : null;
}

/** A failure one transaction can be blamed for: not the database going away or a passing hiccup of it, not a lost race the batch retries. */
function containable(error: unknown): boolean {
  return !isDatabaseUnavailable(error) && !isTransientDatabaseError(error) && !(error instanceof RaceLostError) && !(error instanceof ServerBusyError);
}

/** The applied staff-authored transactions, as the audit log records them (who comes from the session). */
function staffActions(newOnes: Candidate[], outcomes: Map<string, Outcome>): { sessionId: string; occurredAt: string; action: string; subject: string }[] {
  return newOnes.flatMap((c) => {
    if (!c.typed || outcomes.get(c.envelope.id)?.reason) return [];
    const sessionId = staffSessionOf(c.typed);
    return sessionId ? [{ sessionId, occurredAt: c.envelope.occurredAt, action: c.typed.kind, subject: staffSubjectOf(c.typed) ?? '' }] : [];
  });
}

/** The log rows with their final status; the device's high-water mark `high` moves in the same statement. */
async function insertLogRows(log: PushDeps['log'], q: Queryable, device: DeviceRow, newOnes: Candidate[], outcomes: Map<string, Outcome>, high: number) {
  const rows = newOnes.map((c) => {
    const reason = outcomes.get(c.envelope.id)!.reason;
    const e = c.envelope;
    return { id: e.id, seq: e.seq, kind: e.kind, ...c.stored, deviceTime: deviceTimeOf(e), status: reason ? 'rejected' as const : 'applied' as const, reason };
  });
  try {
    await log.insert(q, device.id, rows, high);
  } catch (error) {
    if (isUniqueViolation(error)) throw new RaceLostError('a transaction id was taken concurrently');
    throw error;
  }
}
