import type { Db, Queryable } from '../../db/db';
import type { PushResult, RejectReason, TransactionEnvelope, TransactionKind } from '../../../shared/protocol';
import type { DeviceRow } from '../../repositories/device-repo';
import { APPLIERS } from './appliers';
import type { NewTransaction } from './applier';
import { classify, resultOf, sameTransaction, type Candidate } from './classify';
import { recordSeqGaps, seqMarks } from './seq-gaps';

/** `same`: the logged transaction has this candidate's kind, seq, time and payload (compared in SQL). */
type LoggedRow = { id: string; deviceId: string; seq: number; same: boolean | null; status: 'applied' | 'rejected'; reason: RejectReason | null };
type Outcome = { reason: RejectReason | null; detail?: string };

/** Another device inserted one of our ids between our check and our insert; retry the batch. */
class RaceLostError extends Error {}

/**
 * Applies a batch of one device's transactions exactly once, in one database transaction.
 *
 * Invariants:
 * - every id gets one result, in the order sent; one bad transaction never fails the rest;
 * - a transaction's log row and its effects commit together, or neither does;
 * - an id seen before returns its original outcome ("duplicate" when it was applied);
 *   the same id with another payload, or from another device, is an "id-conflict";
 * - pushes of one device are serialised by a row lock on the device, so 50 concurrent
 *   copies of a request apply once and the other 49 answer "duplicate".
 */
export async function pushTransactions(db: Db, device: DeviceRow, envelopes: TransactionEnvelope[]): Promise<PushResult[]> {
  const candidates = envelopes.map(classify);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.tx((q) => pushBatch(q, device, candidates, attempt > 1));
    } catch (error) {
      if (!(error instanceof RaceLostError) || attempt >= 3) throw error;
    }
  }
}

async function pushBatch(q: Queryable, device: DeviceRow, candidates: Candidate[], retry: boolean): Promise<PushResult[]> {
  const locked = await q.query<{ maxSeq: number }>('SELECT max_seq AS "maxSeq" FROM devices WHERE id = $1 FOR UPDATE', [device.id]);
  const maxSeq = locked.rows[0]?.maxSeq ?? 0;
  const results: PushResult[] = new Array(candidates.length);
  const { fresh, repeats } = splitRepeats(candidates, results);

  // A batch of seqs the device has never sent cannot hold a logged seq, nor a logged id of
  // this device (it would have its old seq, which is at most max_seq). The only thing it
  // can meet is an id another device used: the log insert below catches that, and the
  // retry looks everything up.
  const allNew = !retry && fresh.every((c) => c.envelope.seq > maxSeq);
  const logged = allNew ? { byId: new Map<string, LoggedRow>(), seqs: new Set<number>() } : await findLogged(q, device, fresh);
  const newOnes: Candidate[] = [];
  for (const c of fresh) {
    const row = logged.byId.get(c.envelope.id);
    if (row) results[c.index] = outcomeOfLogged(row, device);
    else if (logged.seqs.has(c.envelope.seq)) results[c.index] = resultOf(c.envelope.id, 'seq-reused');
    else newOnes.push(c);
  }
  newOnes.sort((a, b) => a.envelope.seq - b.envelope.seq);

  const outcomes = await applyAll(q, device, newOnes);
  const { high, gaps } = seqMarks(maxSeq, newOnes.map((c) => c.envelope.seq));
  await insertLogRows(q, device, newOnes, outcomes, high);
  await recordSeqGaps(q, device.id, gaps);

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

async function findLogged(q: Queryable, device: DeviceRow, fresh: Candidate[]) {
  const sent = fresh.map((c) => ({ id: c.envelope.id, kind: c.envelope.kind, seq: c.envelope.seq, at: c.envelope.occurredAt, payload: c.envelope.payload }));
  // jsonb equality ignores key order, and timestamptz equality the way the time was written,
  // as a retry from another client library may differ in both.
  const { rows } = await q.query<LoggedRow>(
    `SELECT t.id, t.device_id AS "deviceId", t.seq, t.status, t.reason,
            (t.kind = v.kind AND t.seq = v.seq AND t.occurred_at = v.at AND t.payload = v.payload) AS same
     FROM transactions t
     LEFT JOIN json_to_recordset($3::json) AS v(id uuid, kind text, seq bigint, at timestamptz, payload jsonb) ON v.id = t.id
     WHERE t.id = ANY($1::uuid[]) OR (t.device_id = $2 AND t.seq = ANY($4::bigint[]))`,
    [fresh.map((c) => c.envelope.id), device.id, JSON.stringify(sent), fresh.map((c) => c.envelope.seq)],
  );
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
function runsByKind(candidates: Candidate[]): { kind: TransactionKind; txs: NewTransaction<never>[] }[] {
  const runs: { kind: TransactionKind; txs: NewTransaction<never>[] }[] = [];
  for (const c of candidates) {
    if (!c.kind) continue;
    const tx = { id: c.envelope.id, seq: c.envelope.seq, occurredAt: c.envelope.occurredAt, payload: c.payload as never };
    const last = runs.at(-1);
    if (last?.kind === c.kind) last.txs.push(tx);
    else runs.push({ kind: c.kind, txs: [tx] });
  }
  return runs;
}

/** Each run of one kind goes to its applier in seq order, so a later run sees an earlier one's effects. */
async function applyAll(q: Queryable, device: DeviceRow, newOnes: Candidate[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  for (const c of newOnes) outcomes.set(c.envelope.id, c.invalid ? { reason: c.invalid.reason, detail: c.invalid.detail } : { reason: null });
  for (const run of runsByKind(newOnes)) {
    const rejected = await APPLIERS[run.kind].apply(q, device, run.txs);
    for (const [id, reason] of rejected) outcomes.set(id, { reason });
  }
  return outcomes;
}

/**
 * The log rows go as one JSON document (building it is one JSON.stringify; eight text
 * arrays cost the server more to escape), and the device's high-water mark `high` moves
 * in the same statement.
 */
async function insertLogRows(q: Queryable, device: DeviceRow, newOnes: Candidate[], outcomes: Map<string, Outcome>, high: number) {
  if (newOnes.length === 0) return;
  const rows = newOnes.map((c) => {
    const reason = outcomes.get(c.envelope.id)!.reason;
    const e = c.envelope;
    return { id: e.id, seq: e.seq, kind: e.kind, at: e.occurredAt, payload: e.payload, status: reason ? 'rejected' : 'applied', reason };
  });
  // A plain INSERT, not ON CONFLICT DO NOTHING: that checks both unique indexes once more
  // before inserting, for a case (an id taken by another device) that almost never happens.
  try {
    await q.query(
      `WITH mark AS (UPDATE devices SET max_seq = $3 WHERE id = $1 AND max_seq < $3)
       INSERT INTO transactions (id, device_id, seq, kind, occurred_at, payload, status, reason)
       SELECT v.id, $1, v.seq, v.kind, v.at, v.payload, v.status, v.reason
       FROM json_to_recordset($2::json) AS v(id uuid, seq bigint, kind text, at timestamptz, payload jsonb, status text, reason text)`,
      [device.id, JSON.stringify(rows), high],
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new RaceLostError('a transaction id was taken concurrently');
    throw error;
  }
}
