/**
 * npm run bench:chain — a chain of kiosks and tablets against the server as 2 processes
 * on PostgreSQL (issue 22), each device a light client (bench/chain/device.ts): outbox,
 * pull cursor, status reports and an event stream, paced as the real ones are.
 *
 *  1. morning: the devices are switched on over a minute, start their rounds and open their streams;
 *  2. an outage: the server stops, every kiosk queues a day's pickups (BENCH_CHAIN_DAY,
 *     200), each device's retries are at the backoff cap as after a day of failures;
 *  3. the drain: the server starts again and the devices find it by themselves (jittered
 *     backoff): time until every queue is empty and every device pulled to the end, the
 *     answers' times and the server's own push times, failed calls, how the reconnects
 *     spread, then the database counted: every pickup applied once, none lost or doubled;
 *  4. a steady day (BENCH_CHAIN_STEADY seconds, 180): pickups and calls for help at a
 *     busy branch's rate, the calls timed from the push to every tablet of the branch,
 *     and the server's memory sampled every 10 s.
 *
 * BENCH_CHAIN_KIOSKS (5,000) kiosks, 5 a branch, and 2 tablets a branch. DATABASE_URL
 * names the PostgreSQL (`.ci/postgres.sh`). It needs ~3 open files per device: raise
 * `ulimit -n` (the script does, to the hard limit).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { benchSchema } from './bench-schema';
import { SimDevice, type Deliveries } from './chain/device';
import { listenOverflows } from './chain/listen-queue';
import { p99Bucket, readHistogram } from './metrics-histogram';
import { seedChain } from './chain/seed';
import { ChainStats, spread } from './chain/stats';
import { percentile } from './load';
import { serverRss } from './server-rss';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench:chain needs PostgreSQL: run `.ci/postgres.sh` and set DATABASE_URL to the URL it prints.');
  process.exit(2);
}
const KIOSKS_PER_BRANCH = 5;
const TABLETS_PER_BRANCH = 2;
const KIOSKS = Number(process.env.BENCH_CHAIN_KIOSKS ?? 5000);
const BRANCHES = Math.ceil(KIOSKS / KIOSKS_PER_BRANCH);
const DAY = Number(process.env.BENCH_CHAIN_DAY ?? 200);
const OUTAGE_S = Number(process.env.BENCH_CHAIN_OUTAGE ?? 20);
/** the devices are switched on over this many seconds (a chain's morning, compressed) */
const MORNING_S = Number(process.env.BENCH_CHAIN_MORNING ?? 60);
const STEADY_S = Number(process.env.BENCH_CHAIN_STEADY ?? 180);
/** A busy day: a kiosk hands over 200 orders in 12 hours (one every 216 s) and calls for help every 10 minutes. */
const PICKUP_EVERY_S = Number(process.env.BENCH_CHAIN_PICKUP_EVERY ?? 216);
const HELP_EVERY_S = Number(process.env.BENCH_CHAIN_HELP_EVERY ?? 600);
const WORKERS = 2;
const PORT = 20_000 + Math.floor(Math.random() * 1000);
const base = new URL(`http://127.0.0.1:${PORT}`);
const steadyOrders = Math.ceil((STEADY_S / PICKUP_EVERY_S) * 4) + 10;

const t0 = performance.now();
const { schema, db, drop } = await benchSchema(url, 'chainbench');
console.log(`seeding ${BRANCHES.toLocaleString('en')} branches: ${(BRANCHES * KIOSKS_PER_BRANCH).toLocaleString('en')} kiosks, ${(BRANCHES * TABLETS_PER_BRANCH).toLocaleString('en')} tablets, ${(BRANCHES * KIOSKS_PER_BRANCH * (DAY + steadyOrders)).toLocaleString('en')} ready orders (schema ${schema}) …`);
const seeded = await seedChain(db, { branches: BRANCHES, kiosksPerBranch: KIOSKS_PER_BRANCH, tabletsPerBranch: TABLETS_PER_BRANCH, ordersPerKiosk: DAY + steadyOrders });
await db.query('VACUUM ANALYZE');
await db.query('CHECKPOINT').catch(() => undefined);
console.log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

let server: ChildProcess | null = null;
async function startServer(): Promise<void> {
  const child = fork(new URL('./bench-server.ts', import.meta.url).pathname, [], {
    env: { ...process.env, PORT: String(PORT), BENCH_SCHEMA: schema, BENCH_WORKERS: String(WORKERS) },
    execArgv: ['--import', 'tsx'],
  });
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  server = child;
}
async function stopServer(): Promise<void> {
  const child = server!;
  server = null;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.disconnect();
  await exited;
}
const rssMiB = () => (server ? serverRss(server.pid!, 'bench-server') / 2 ** 20 : 0);

/** The server's own push times, from /metrics (every worker's, summed). */
const pushHistogram = () => readHistogram(base.origin, 'okno_push_duration_seconds');

// Calls for help, timed from the push to every tablet of the kiosk's branch.
const tabletsOf = new Map<number, number>();
for (const d of seeded) if (d.role === 'tablet') tabletsOf.set(d.branch, (tabletsOf.get(d.branch) ?? 0) + 1);
const calls = new Map<string, { at: number; waiting: number }>();
const stats = new ChainStats();
const lastTablet: number[] = [];
const deliveries: Deliveries = {
  heard(device, event) {
    if (device.device.role !== 'tablet' || event.name !== 'assistance.requested') return;
    const requestId = /"requestId":"([^"]+)"/.exec(event.data)?.[1];
    const call = requestId ? calls.get(requestId) : undefined;
    if (!call) return;
    const ms = performance.now() - call.at;
    stats.delivery.push(ms);
    if (--call.waiting === 0) {
      lastTablet.push(ms);
      calls.delete(requestId!);
    }
  },
};

await startServer();
stats.serverUp = true;
const devices = seeded.map((d) => new SimDevice(d, KIOSKS, base, stats, deliveries));
const kiosks = devices.filter((d) => d.device.role === 'kiosk');
console.log(`\n1. morning: ${devices.length.toLocaleString('en')} devices switched on over ${MORNING_S} s (server ${rssMiB().toFixed(0)} MiB)`);
for (const d of devices) d.start(Math.random() * MORNING_S * 1000);
const until = async (what: string, test: () => boolean, ms: number) => {
  const end = performance.now() + ms;
  while (!test()) {
    if (performance.now() > end) throw new Error(`bench:chain: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
let phaseStart = performance.now();
const queuedTotal = () => kiosks.reduce((n, k) => n + k.outbox.length, 0);
// Every 10 s, where the phase stands.
const report = setInterval(() => {
  if (!server) return;
  console.log(`   +${((performance.now() - phaseStart) / 1000).toFixed(0)} s: ${queuedTotal().toLocaleString('en')} queued, ${devices.filter((d) => d.streamOpen).length.toLocaleString('en')} streams open, failed calls ${[...stats.failed].map(([what, n]) => `${what} ${n}`).join(', ') || 0}, busy ${stats.busy}`);
}, 10_000);
await until('every stream to open', () => devices.every((d) => d.streamOpen), (MORNING_S + 300) * 1000);
console.log(`   every stream open: ${stats.latencyLine()}; server ${rssMiB().toFixed(0)} MiB; failed calls ${stats.failedTotal}`);

console.log(`\n2. the server stops; every kiosk queues ${DAY} pickups, ${OUTAGE_S} s of outage`);
stats.serverUp = false;
await stopServer();
for (const d of devices) d.failingForADay();
for (const k of kiosks) k.queue(k.pickups(DAY));
const sent = queuedTotal();
await new Promise((r) => setTimeout(r, OUTAGE_S * 1000));
const resultsBefore = { ...stats.results };

console.log(`\n3. the server starts again: ${sent.toLocaleString('en')} transactions queued on ${kiosks.length.toLocaleString('en')} kiosks`);
await startServer();
const histogramBefore = await pushHistogram();
const overflowsBefore = listenOverflows();
stats.reset();
stats.serverUp = true;
const up = performance.now();
phaseStart = up;
let emptyAt = 0;
let peakRss = 0;
const progress = setInterval(() => {
  peakRss = Math.max(peakRss, rssMiB());
  if (!emptyAt && queuedTotal() === 0) emptyAt = performance.now() - up;
}, 250);
await until('every queue to empty and every device to pull to the end', () => {
  const empty = queuedTotal() === 0;
  if (empty && !emptyAt) emptyAt = performance.now() - up;
  return empty && devices.every((d) => d.caughtUp);
}, 1800_000);
const caughtUpAt = performance.now() - up;
await until('every stream to open again', () => devices.every((d) => d.streamOpen), 120_000);
clearInterval(progress);
const histogramAfter = await pushHistogram();
const { rows: [counted] } = await db.query<{ logged: string; applied: string; picked: string }>(
  `SELECT (SELECT count(*) FROM transactions WHERE kind = 'order.pickedUp') AS logged,
          (SELECT count(*) FROM transactions WHERE kind = 'order.pickedUp' AND status = 'applied') AS applied,
          (SELECT count(*) FROM pickup_orders WHERE status = 'picked_up') AS picked`);
const applied = stats.results.applied - resultsBefore.applied;
const drain = {
  queuesEmpty: emptyAt / 1000,
  caughtUp: caughtUpAt / 1000,
  perSecond: sent / (emptyAt / 1000),
};
console.log(`   every queue empty after ${drain.queuesEmpty.toFixed(1)} s (${Math.round(drain.perSecond).toLocaleString('en')} tx/s), every device pulled to the end after ${drain.caughtUp.toFixed(1)} s; server memory peak ${peakRss.toFixed(0)} MiB`);
console.log(`   answers: ${stats.latencyLine()}`);
console.log(`   the server's push time p99 ${p99Bucket(histogramBefore, histogramAfter, 'pushes')}`);
console.log(`   failed calls while the server was up: ${stats.failedTotal}${stats.failures.length ? ` (${stats.failures.join('; ')})` : ''}; answered "busy, come back" (503 server-busy): ${stats.busy.toLocaleString('en')}`);
const overflows = listenOverflows();
if (overflows !== null && overflowsBefore !== null) console.log(`   connections the listen queue had no room for (the kernel's ListenOverflows, the whole machine): ${(overflows - overflowsBefore).toLocaleString('en')}`);
console.log(`   devices' first answered call after the restart: ${spread(stats.firstCalls)}`);
console.log(`   event streams reopened: ${spread(stats.reconnects)}`);
console.log(`   results: applied ${applied.toLocaleString('en')}, duplicate ${stats.results.duplicate - resultsBefore.duplicate}, rejected ${stats.results.rejected - resultsBefore.rejected}${stats.rejections.length ? ` (${stats.rejections.join(', ')})` : ''}, deferred ${stats.results.deferred - resultsBefore.deferred}`);
const lost = sent - Number(counted!.picked);
console.log(`   the database: ${Number(counted!.logged).toLocaleString('en')} pickups in the log (${Number(counted!.applied).toLocaleString('en')} applied), ${Number(counted!.picked).toLocaleString('en')} orders picked up: lost ${lost}, doubled ${Number(counted!.logged) - Number(counted!.picked)}`);

console.log(`\n4. a steady day for ${STEADY_S} s: a pickup every ${PICKUP_EVERY_S} s and a call for help every ${HELP_EVERY_S} s a kiosk`);
stats.reset();
const rss: { s: number; mib: number }[] = [];
const steadyStart = performance.now();
const sampler = setInterval(() => rss.push({ s: (performance.now() - steadyStart) / 1000, mib: rssMiB() }), 10_000);
// Each kiosk's next pickup and call at random (Poisson) times: a chain does not act in step.
const next = (everyS: number) => -Math.log(1 - Math.random()) * everyS * 1000;
const timers = kiosks.flatMap((k) => {
  const pickupTimer = { t: setTimeout(function pickup() { k.queue(k.pickups(1)); pickupTimer.t = setTimeout(pickup, next(PICKUP_EVERY_S)); }, next(PICKUP_EVERY_S)) };
  const helpTimer = { t: setTimeout(function help() {
    const tx = k.assistance();
    calls.set((tx.payload as unknown as { requestId: string }).requestId, { at: performance.now(), waiting: tabletsOf.get(k.device.branch) ?? 0 });
    k.queue([tx]);
    helpTimer.t = setTimeout(help, next(HELP_EVERY_S));
  }, next(HELP_EVERY_S)) };
  return [pickupTimer, helpTimer];
});
phaseStart = performance.now();
await new Promise((r) => setTimeout(r, STEADY_S * 1000));
for (const t of timers) clearTimeout(t.t);
clearInterval(report);
clearInterval(sampler);
const half = rss.slice(Math.floor(rss.length / 2));
const slope = half.length > 1 ? ((half.at(-1)!.mib - half[0]!.mib) / (half.at(-1)!.s - half[0]!.s)) * 60 : NaN;
const sortedDelivery = [...stats.delivery].sort((a, b) => a - b);
const sortedLast = [...lastTablet].sort((a, b) => a - b);
console.log(`   answers: ${stats.latencyLine()}`);
console.log(`   push → call for help at a tablet: p50 ${percentile(sortedDelivery, 50).toFixed(0)} ms, p99 ${percentile(sortedDelivery, 99).toFixed(0)} ms; at the branch's last tablet p99 ${percentile(sortedLast, 99).toFixed(0)} ms (${lastTablet.length.toLocaleString('en')} calls; ${calls.size} not heard by every tablet)`);
console.log(`   server memory every 10 s (MiB): ${rss.map((r) => r.mib.toFixed(0)).join(' ')}; second half ${Number.isFinite(slope) ? `${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MiB/min` : 'too short'}`);
console.log(`   failed calls: ${stats.failedTotal}${stats.failures.length ? ` (${stats.failures.join('; ')})` : ''}; busy ${stats.busy}`);

for (const d of devices) d.stop();
await stopServer();
await db.close();
await drop();
process.exit(0);
