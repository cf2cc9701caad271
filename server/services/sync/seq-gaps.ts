/**
 * Holes in a device's seq numbers (1, 2, 5 → 3..4 missing) and its new high-water mark.
 * Ordering never relies on wall clocks: seq is the device's own order. A hole can fill
 * later (a retried batch); the gap report (transactionLogRepo.openSeqGaps) shows which
 * seqs are still out.
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
