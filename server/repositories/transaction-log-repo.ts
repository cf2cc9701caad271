import type { Queryable } from '../db/db';
import type { RejectReason } from '../../shared/protocol';

/** `same`: the logged transaction has the sent one's kind, seq, time and payload (compared in SQL). */
export type LoggedRow = { id: string; deviceId: string; seq: number; same: boolean | null; status: 'applied' | 'rejected'; reason: RejectReason | null };
export type SentTransaction = { id: string; kind: string; seq: number; at: string; payload: unknown };
export type LogRow = SentTransaction & { deviceTime: string | null; status: 'applied' | 'rejected'; reason: RejectReason | null };
export type SeqGap = { deviceCode: string; seqFrom: number; seqTo: number; stillMissing: number };

/** The transaction log (one row per id, kept OKNO_KEEP_RECORDS_DAYS: services/retention/) and the holes in each device's seq numbers. */
export const transactionLogRepo = {
  /**
   * Logged rows with one of these ids, or one of these seqs of this device. jsonb equality
   * ignores key order, and timestamptz equality the way the time was written, as a retry
   * from another client library may differ in both.
   */
  async findLogged(q: Queryable, deviceId: string, sent: SentTransaction[]): Promise<LoggedRow[]> {
    const { rows } = await q.query<LoggedRow>(
      `SELECT t.id, t.device_id AS "deviceId", t.seq, t.status, t.reason,
              (t.kind = v.kind AND t.seq = v.seq AND t.occurred_at = v.at AND t.payload = v.payload) AS same
       FROM transactions t
       LEFT JOIN json_to_recordset($3::json) AS v(id uuid, kind text, seq bigint, at timestamptz, payload jsonb) ON v.id = t.id
       WHERE t.id = ANY($1::uuid[]) OR (t.device_id = $2 AND t.seq = ANY($4::bigint[]))`,
      [sent.map((s) => s.id), deviceId, JSON.stringify(sent), sent.map((s) => s.seq)],
    );
    return rows;
  },

  /**
   * Inserts log rows as one JSON document (building it is one JSON.stringify; eight text
   * arrays cost the server more to escape) and moves the device's high-water mark in the
   * same statement. A plain INSERT, not ON CONFLICT DO NOTHING: that checks both unique
   * indexes once more, for a case (an id another device took) that almost never happens;
   * it fails with a unique violation instead.
   */
  async insert(q: Queryable, deviceId: string, rows: LogRow[], highSeq: number): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `WITH mark AS (UPDATE devices SET max_seq = $3 WHERE id = $1 AND max_seq < $3)
       INSERT INTO transactions (id, device_id, seq, kind, occurred_at, device_time, payload, status, reason)
       SELECT v.id, $1, v.seq, v.kind, v.at, v."deviceTime", v.payload, v.status, v.reason
       FROM json_to_recordset($2::json) AS v(id uuid, seq bigint, kind text, at timestamptz, "deviceTime" timestamptz, payload jsonb, status text, reason text)`,
      [deviceId, JSON.stringify(rows), highSeq],
    );
  },

  async recordSeqGaps(q: Queryable, deviceId: string, gaps: [number, number][]): Promise<void> {
    if (gaps.length === 0) return;
    await q.query(
      `INSERT INTO device_seq_gaps (device_id, seq_from, seq_to)
       SELECT $1, f, t FROM unnest($2::bigint[], $3::bigint[]) AS v(f, t) ON CONFLICT DO NOTHING`,
      [deviceId, gaps.map((g) => g[0]), gaps.map((g) => g[1])],
    );
  },

  /** Gaps of a branch's devices whose seqs have not all arrived yet, for staff and the back office. */
  async openSeqGaps(q: Queryable, branchId: string): Promise<SeqGap[]> {
    const { rows } = await q.query<SeqGap>(
      `SELECT d.code AS "deviceCode", g.seq_from AS "seqFrom", g.seq_to AS "seqTo",
              (g.seq_to - g.seq_from + 1 - count(t.id))::int AS "stillMissing"
       FROM device_seq_gaps g JOIN devices d ON d.id = g.device_id
       LEFT JOIN transactions t ON t.device_id = g.device_id AND t.seq BETWEEN g.seq_from AND g.seq_to
       WHERE d.branch_id = $1
       GROUP BY d.code, g.seq_from, g.seq_to HAVING count(t.id) < g.seq_to - g.seq_from + 1
       ORDER BY d.code, g.seq_from`,
      [branchId],
    );
    return rows;
  },
};
export type TransactionLogRepo = typeof transactionLogRepo;
