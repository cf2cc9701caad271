import { percentile } from '../load';

/** What the whole simulated chain saw, for the report. */
export class ChainStats {
  /** answers by call and status, and their times, since `reset()` */
  latencies = new Map<string, number[]>();
  /** calls that failed while the server was up: an error answer or a broken connection */
  failed = new Map<string, number>();
  failures: string[] = [];
  results = { applied: 0, duplicate: 0, rejected: 0, deferred: 0 };
  rejections: string[] = [];
  /** ms since the server came back at which each stream opened again */
  reconnects: number[] = [];
  /** ms since the server came back of each device's first answered call */
  firstCalls: number[] = [];
  /** push → event at each tablet, ms */
  delivery: number[] = [];
  /** the server is up: a failure now counts */
  serverUp = false;
  since = 0;

  reset(): void {
    this.latencies.clear();
    this.failed.clear();
    this.failures = [];
    this.busy = 0;
    this.reconnects = [];
    this.firstCalls = [];
    this.delivery = [];
    this.since = performance.now();
  }

  answered(what: string, ms: number): void {
    let list = this.latencies.get(what);
    if (!list) this.latencies.set(what, (list = []));
    list.push(ms);
  }

  /** answered 503 server-busy: waited its turn 15 s and told to come back (server/db/gate.ts), nothing changed */
  busy = 0;

  fail(what: string, why: string): void {
    if (!this.serverUp) return;
    if (why.includes('"server-busy"')) {
      this.busy++;
      return;
    }
    this.failed.set(what, (this.failed.get(what) ?? 0) + 1);
    if (this.failures.length < 10) this.failures.push(`${what}: ${why}`);
  }

  get failedTotal(): number {
    return [...this.failed.values()].reduce((a, b) => a + b, 0);
  }

  /** "push p50 12 ms p99 340 ms (5,000)", per call */
  latencyLine(): string {
    return [...this.latencies].map(([what, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return `${what} p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms (${list.length.toLocaleString('en')})`;
    }).join('; ');
  }
}

/** p50/p99/max of a list, and how many per second at the busiest second. */
export function spread(ms: number[]): string {
  if (ms.length === 0) return 'none';
  const sorted = [...ms].sort((a, b) => a - b);
  const perSecond = new Map<number, number>();
  for (const m of ms) perSecond.set(Math.floor(m / 1000), (perSecond.get(Math.floor(m / 1000)) ?? 0) + 1);
  const busiest = Math.max(...perSecond.values());
  return `${ms.length.toLocaleString('en')} over ${(sorted.at(-1)! / 1000).toFixed(1)} s: p50 ${(percentile(sorted, 50) / 1000).toFixed(1)} s, p99 ${(percentile(sorted, 99) / 1000).toFixed(1)} s; busiest second ${busiest} (${((busiest / ms.length) * 100).toFixed(1)} %)`;
}
