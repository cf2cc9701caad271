import type { Queryable } from '../../db/db';

/**
 * Holes in a device's seq numbers (1, 2, 5 → 3..4 missing) and its new high-water mark.
 * Ordering never relies on wall clocks: seq is the device's own order. A hole can fill
 * later (a retried batch); the gap report shows which seqs are still out.
 */
export function seqMarks(maxSeq: number, seqs: number[]): { high: number; gaps: [number, number][] } {
  const sorted = [...seqs].sort((a, b) => a - b);
  const gaps: [number, number][] = [];
  let high = maxSeq;
  for (const seq of sorted) {
    if (seq > high + 1) gaps.push([high + 1, seq - 1]);
    high = Math.max(high, seq);
  }
  return { high, gaps };
}

/** Records the holes; the high-water mark moves with the batch's log rows (push-service.ts). */
export async function recordSeqGaps(q: Queryable, deviceId: string, gaps: [number, number][]): Promise<void> {
  if (gaps.length === 0) return;
  await q.query(
    `INSERT INTO device_seq_gaps (device_id, seq_from, seq_to)
     SELECT $1, f, t FROM unnest($2::bigint[], $3::bigint[]) AS v(f, t) ON CONFLICT DO NOTHING`,
    [deviceId, gaps.map((g) => g[0]), gaps.map((g) => g[1])],
  );
}

export type SeqGap = { deviceCode: string; seqFrom: number; seqTo: number; stillMissing: number };

/** Gaps whose seqs have not all arrived yet, for staff and the back office. */
export async function openSeqGaps(q: Queryable, branchId: string): Promise<SeqGap[]> {
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
}
