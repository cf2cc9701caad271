/**
 * A histogram of the server's /metrics (every worker's, summed by the scrape), read before
 * and after a phase: its buckets, count and sum, and from two readings the bucket that
 * holds the phase's p99 and its mean.
 */
export type HistogramReading = { buckets: Map<string, number>; count: number; sum: number };

export async function readHistogram(origin: string, name: string): Promise<HistogramReading> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const buckets = new Map<string, number>();
  let count = 0;
  let sum = 0;
  for (const line of text.split('\n')) {
    const bucket = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)`).exec(line);
    if (bucket) buckets.set(bucket[1]!, Number(bucket[2]));
    if (line.startsWith(`${name}_count `)) count = Number(line.split(' ')[1]);
    if (line.startsWith(`${name}_sum `)) sum = Number(line.split(' ')[1]);
  }
  return { buckets, count, sum };
}

/** "≤ 0.25 s (1,234 events)": the smallest bucket holding 99 % of what was observed between the readings. */
export function p99Bucket(before: HistogramReading, after: HistogramReading, what: string): string {
  const total = after.count - before.count;
  if (total === 0) return 'none';
  for (const [le, n] of after.buckets) if (n - (before.buckets.get(le) ?? 0) >= total * 0.99) return `≤ ${le} s (${total.toLocaleString('en')} ${what})`;
  return 'none';
}

/** The mean between the readings, in milliseconds. */
export function meanMs(before: HistogramReading, after: HistogramReading): number {
  const n = after.count - before.count;
  return n > 0 ? ((after.sum - before.sum) / n) * 1000 : NaN;
}
