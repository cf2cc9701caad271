/**
 * npm run bench:server — the central server on PostgreSQL over loopback, in one run:
 *  (a) throughput: 50 devices push batches of 100 as fast as answers come, for 20 s;
 *  (b) latency: open-loop 10,000 transactions/s in batches of 100 for 20 s, measured from
 *      each batch's scheduled send time (so a slow server cannot hide its queueing);
 *  (c) the raw ceiling the same minute: multi-row INSERT … ON CONFLICT DO NOTHING;
 *  (d) a mixed branch: the 50 kiosks pushing pickups as in (a) while 10 tablets push sales
 *      of 3 lines and refunds (one in four), closed loop, for as long as (a).
 * DATABASE_URL names the PostgreSQL (`.ci/postgres.sh` starts one and prints it).
 * BENCH_SECONDS shortens each phase for a quick look. BENCH_HISTORY_ROWS=10000000 first
 * fills the transaction log and receipts with a year of that many handovers (issue 21:
 * the push must not slow with a year of data).
 */
import { fork } from 'node:child_process';
import { benchSchema } from './bench-schema';
import { seedBench, seedTablets } from './bench-seed';
import { seedHistory } from './bench-history';
import { LoadDevice, LoadTablet, percentile, push, signIn } from './load';
import { rawCeiling } from './raw-ceiling';
import { cpuPerUnit, sampleCpu } from './cpu-meter';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench:server needs PostgreSQL: run `.ci/postgres.sh` and set DATABASE_URL to the URL it prints.');
  process.exit(2);
}
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const DEVICES = 50;
const BATCH = 100;
const OFFERED_PER_SECOND = 10_000;
const PORT = 18_000 + Math.floor(Math.random() * 1000);
const { schema, db, drop } = await benchSchema(url, 'bench');
// (a)'s request bodies are made before the clock starts, enough for PREPARED_PER_SECOND; a
// device that runs out makes more on the fly. Building JSON for 100 pickups costs the load
// generator ~1.5 ms, CPU that the server and PostgreSQL need on a 2-core machine, and a
// real branch's kiosks are other computers.
const PREPARED_PER_SECOND = 40_000;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 3);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
// (d)'s pickups take orders too: up to what (a) applies a second.
const ordersNeeded = Math.ceil((PREPARED_PER_SECOND + OFFERED_PER_SECOND) * (SECONDS + WARMUP_SECONDS) * 1.5 + 40_000 * SECONDS);
console.log(`seeding ${DEVICES} devices and ${ordersNeeded.toLocaleString('en')} ready orders in schema ${schema} …`);
const devices = (await seedBench(db, DEVICES, ordersNeeded)).map((d, i) => new LoadDevice(d, i, DEVICES));
const TABLETS = 10;
const tabletDevices = await seedTablets(db, TABLETS);
const HISTORY_ROWS = Number(process.env.BENCH_HISTORY_ROWS ?? 0);
if (HISTORY_ROWS > 0) {
  console.log(`seeding a year of history: ${HISTORY_ROWS.toLocaleString('en')} log rows and receipts …`);
  await seedHistory(db, HISTORY_ROWS, (line) => console.log(line));
  await db.query('VACUUM ANALYZE transactions');
  await db.query('VACUUM ANALYZE receipts');
  const { rows: [size] } = await db.query<{ log: string; receipts: string }>(
    `SELECT pg_size_pretty(pg_total_relation_size('transactions')) AS log, pg_size_pretty(pg_total_relation_size('receipts')) AS receipts`);
  console.log(`  the log is ${size!.log} with its indexes, receipts ${size!.receipts}`);
}
await db.query('VACUUM ANALYZE pickup_orders');
// The seed leaves a gigabyte of dirty pages; flush them now rather than in a checkpoint
// during the measured minute. Needs the pg_checkpoint role (.ci/postgres.sh grants it).
const flushed = await db.query('CHECKPOINT').then(() => true, () => false);
if (!flushed) console.log('  (no CHECKPOINT after seeding: grant pg_checkpoint to this role for steadier figures)');
await db.close();

const server = fork(new URL('./bench-server.ts', import.meta.url).pathname, [], {
  env: { ...process.env, PORT: String(PORT), BENCH_SCHEMA: schema, BENCH_WORKERS: String(WORKERS) },
  execArgv: ['--import', 'tsx', ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), ...(process.env.BENCH_PERF ? ['--perf-basic-prof-only-functions'] : []), ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
});
await new Promise<void>((resolve) => server.once('message', () => resolve()));

const prepare = (d: LoadDevice, batches: number) => Array.from({ length: batches }, () => d.nextBatch(BATCH));
const preparedA = devices.map((d) => prepare(d, Math.ceil((PREPARED_PER_SECOND * (SECONDS + WARMUP_SECONDS)) / DEVICES / BATCH)));
const preparedB = Array.from({ length: (OFFERED_PER_SECOND / BATCH) * SECONDS + 1 }, (_, i) => devices[i % DEVICES]!.nextBatch(BATCH));
let madeOnTheFly = 0;

// (a) closed loop. The first WARMUP_SECONDS are not counted: the server process has just
// started, and V8 spends them compiling the hot paths (14 % of the server's CPU in a
// profile of the first seconds) while PostgreSQL's backends fill their caches.
let applied = 0;
let counting = false;
const endA = Date.now() + (WARMUP_SECONDS + SECONDS) * 1000;
let startA = Date.now();
let cpuBeforeA = sampleCpu(server.pid);
const warmedUp = new Promise<void>((resolve) => setTimeout(() => {
  counting = true;
  startA = Date.now();
  cpuBeforeA = sampleCpu(server.pid);
  resolve();
}, WARMUP_SECONDS * 1000));
await Promise.all(devices.map(async (d, i) => {
  while (Date.now() < endA) {
    let body = preparedA[i]!.shift();
    if (!body) {
      madeOnTheFly++;
      body = d.nextBatch(BATCH);
    }
    // Only batches sent after the warm-up count (the ones in flight at that moment do work
    // inside the window without being counted, so the figure errs low). And not
    // `applied += await …`: that reads `applied` before the await and loses the others' counts.
    const counted = counting;
    const n = await push(PORT, d.auth, body);
    if (counted) applied += n;
  }
}));
await warmedUp;
const throughput = applied / ((Date.now() - startA) / 1000);
const cpuA = cpuPerUnit(cpuBeforeA, sampleCpu(server.pid), applied);

// (b) open loop
const latencies: number[] = [];
const interval = 1000 / (OFFERED_PER_SECOND / BATCH);
const startB = performance.now();
const inflight: Promise<void>[] = [];
let lateSends = 0;
for (let i = 0; performance.now() - startB < SECONDS * 1000; i++) {
  const scheduled = startB + i * interval;
  const wait = scheduled - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  else if (wait < -interval) lateSends++;
  const d = devices[i % DEVICES]!;
  inflight.push(push(PORT, d.auth, preparedB[i] ?? d.nextBatch(BATCH)).then(() => { latencies.push(performance.now() - scheduled); }));
}
await Promise.all(inflight);
latencies.sort((x, y) => x - y);

// (d) mixed: the kiosks go on with pickups while the tablets sell and refund.
const tablets = await Promise.all(tabletDevices.map(async (d) => new LoadTablet(d, await signIn(PORT, `Bearer ${d.token}`))));
let mixedApplied = 0;
let mixedPickups = 0;
let mixedSales = 0;
const tabletBatchMs: number[] = [];
const endD = Date.now() + SECONDS * 1000;
const startD = Date.now();
await Promise.all([
  ...devices.map(async (d) => {
    while (Date.now() < endD) {
      const n = await push(PORT, d.auth, d.nextBatch(BATCH));
      mixedApplied += n;
      mixedPickups += n;
    }
  }),
  ...tablets.map(async (t) => {
    while (Date.now() < endD) {
      const sent = performance.now();
      const n = await push(PORT, t.auth, t.batchBody(BATCH));
      tabletBatchMs.push(performance.now() - sent);
      mixedApplied += n;
      mixedSales += n;
    }
  }),
]);
const mixed = mixedApplied / ((Date.now() - startD) / 1000);

server.disconnect();
await new Promise((r) => server.once('exit', r));

// (c) raw ceiling, the same minute
const raw = await rawCeiling(url, schema, Math.min(SECONDS, 10));
const ceiling = raw.rowsPerSecond;
await drop();

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`
history: ${HISTORY_ROWS ? `${HISTORY_ROWS.toLocaleString('en')} log rows and receipts of a year before the run` : 'none (an empty log; BENCH_HISTORY_ROWS fills it)'}
server: ${WORKERS === 1 ? 'one process' : `${WORKERS} worker processes (OKNO_WORKERS=${WORKERS})`}, a pool of ${process.env.BENCH_POOL ?? 20} connections each
(a) throughput, ${DEVICES} devices × batches of ${BATCH}, ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up: ${fmt(throughput)} applied transactions/s   (target ≥ 20,000)
    CPU per applied transaction: ${cpuA}${madeOnTheFly ? `; ${madeOnTheFly} batches made during the run` : ''}
(b) open loop ${fmt(OFFERED_PER_SECOND)} tx/s offered, ${SECONDS} s: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms over ${latencies.length} batches${lateSends ? ` (${lateSends} sends late)` : ''}   (target p99 < 100 ms)
(c) raw multi-row INSERT … ON CONFLICT DO NOTHING: ${fmt(ceiling)} rows/s; ratio (a)/(c) = ${(throughput / ceiling).toFixed(3)}   (target ≥ 0.15)
(d) mixed, ${DEVICES} kiosks with pickups and ${TABLETS} tablets with sales of 3 lines and refunds (1 in 4), ${SECONDS} s: ${fmt(mixed)} applied transactions/s (${fmt(mixedPickups)} pickups, ${fmt(mixedSales)} sales and refunds; a tablet's batch of 100 took p50 ${percentile([...tabletBatchMs].sort((x, y) => x - y), 50).toFixed(0)} ms)`);
