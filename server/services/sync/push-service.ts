import type { Db, Queryable } from '../../db/db';
import type { PushResult, RejectReason, TransactionEnvelope, TransactionKind } from '../../../shared/protocol';
import type { DeviceRow } from '../../repositories/device-repo';
import { APPLIERS } from './appliers';
import type { NewTransaction } from './applier';
import { classify, resultOf, type Candidate } from './classify';
import { recordSeqGaps } from './seq-gaps';

type LoggedRow = { id: string; deviceId: string; seq: number; payloadHash: string; status: 'applied' | 'rejected'; reason: RejectReason | null };
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
      return await db.tx((q) => pushBatch(q, device, candidates));
    } catch (error) {
      if (!(error instanceof RaceLostError) || attempt >= 3) throw error;
    }
  }
}

async function pushBatch(q: Queryable, device: DeviceRow, candidates: Candidate[]): Promise<PushResult[]> {
  const locked = await q.query<{ maxSeq: number }>('SELECT max_seq AS "maxSeq" FROM devices WHERE id = $1 FOR UPDATE', [device.id]);
  const results: PushResult[] = new Array(candidates.length);
  const { fresh, repeats } = splitRepeats(candidates, results);

  const logged = await findLogged(q, device, fresh);
  const newOnes: Candidate[] = [];
  for (const c of fresh) {
    const row = logged.byId.get(c.envelope.id);
    if (row) results[c.index] = outcomeOfLogged(row, device, c.hash);
    else if (logged.seqs.has(c.envelope.seq)) results[c.index] = resultOf(c.envelope.id, 'seq-reused');
    else newOnes.push(c);
  }
  newOnes.sort((a, b) => a.envelope.seq - b.envelope.seq);

  const outcomes = await decideAll(q, device, newOnes);
  await insertLogRows(q, device, newOnes, outcomes);
  await applyAll(q, device, newOnes, outcomes);
  await recordSeqGaps(q, device.id, locked.rows[0]?.maxSeq ?? 0, newOnes.map((c) => c.envelope.seq));

  for (const c of newOnes) {
    const o = outcomes.get(c.envelope.id)!;
    results[c.index] = resultOf(c.envelope.id, o.reason, o.detail);
  }
  for (const { candidate, first } of repeats) {
    const original = results[first.index]!;
    results[candidate.index] =
      candidate.hash !== first.hash
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
  const { rows } = await q.query<LoggedRow>(
    `SELECT id, device_id AS "deviceId", seq, payload_hash AS "payloadHash", status, reason
     FROM transactions WHERE id = ANY($1::uuid[]) OR (device_id = $2 AND seq = ANY($3::bigint[]))`,
    [fresh.map((c) => c.envelope.id), device.id, fresh.map((c) => c.envelope.seq)],
  );
  return {
    byId: new Map(rows.map((r) => [r.id, r])),
    seqs: new Set(rows.filter((r) => r.deviceId === device.id).map((r) => r.seq)),
  };
}

function outcomeOfLogged(row: LoggedRow, device: DeviceRow, hash: string): PushResult {
  if (row.deviceId !== device.id || row.payloadHash !== hash) return resultOf(row.id, 'id-conflict');
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

async function decideAll(q: Queryable, device: DeviceRow, newOnes: Candidate[]): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  for (const c of newOnes) outcomes.set(c.envelope.id, c.invalid ? { reason: c.invalid.reason, detail: c.invalid.detail } : { reason: null });
  for (const run of runsByKind(newOnes)) {
    const rejected = await APPLIERS[run.kind].decide(q, device, run.txs);
    for (const [id, reason] of rejected) outcomes.set(id, { reason });
  }
  return outcomes;
}

async function insertLogRows(q: Queryable, device: DeviceRow, newOnes: Candidate[], outcomes: Map<string, Outcome>) {
  if (newOnes.length === 0) return;
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO transactions (id, device_id, seq, kind, occurred_at, payload, payload_hash, status, reason)
     SELECT v.id, $1, v.seq, v.kind, v.at, v.payload::jsonb, v.hash, v.status, v.reason
     FROM unnest($2::uuid[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS v(id, seq, kind, at, payload, hash, status, reason)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      device.id,
      newOnes.map((c) => c.envelope.id),
      newOnes.map((c) => c.envelope.seq),
      newOnes.map((c) => c.envelope.kind),
      newOnes.map((c) => c.envelope.occurredAt),
      newOnes.map((c) => JSON.stringify(c.envelope.payload)),
      newOnes.map((c) => c.hash),
      newOnes.map((c) => (outcomes.get(c.envelope.id)!.reason ? 'rejected' : 'applied')),
      newOnes.map((c) => outcomes.get(c.envelope.id)!.reason),
    ],
  );
  if (inserted.rows.length !== newOnes.length) throw new RaceLostError('a transaction id was taken concurrently');
}

async function applyAll(q: Queryable, device: DeviceRow, newOnes: Candidate[], outcomes: Map<string, Outcome>) {
  const accepted = newOnes.filter((c) => outcomes.get(c.envelope.id)!.reason === null);
  for (const run of runsByKind(accepted)) await APPLIERS[run.kind].apply(q, device, run.txs);
}
