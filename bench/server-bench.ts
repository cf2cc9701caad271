/**
 * npm run bench:server — the central server on PostgreSQL over loopback, in one run:
 *  (a) throughput: 50 devices push batches of 100 as fast as answers come, for 20 s;
 *  (b) latency: open-loop 10,000 transactions/s in batches of 100 for 20 s, measured from
 *      each batch's scheduled send time (so a slow server cannot hide its queueing);
 *  (c) the raw ceiling the same minute: multi-row INSERT … ON CONFLICT DO NOTHING.
 * DATABASE_URL names the PostgreSQL (`.ci/postgres.sh` starts one and prints it).
 * BENCH_SECONDS shortens each phase for a quick look.
 */
import { fork } from 'node:child_process';
import { benchSchema } from './bench-schema';
import { seedBench } from './bench-seed';
import { LoadDevice, percentile, push } from './load';
import { rawCeiling } from './raw-ceiling';

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
const ordersNeeded = Math.ceil((60_000 + OFFERED_PER_SECOND) * SECONDS * 1.1);
console.log(`seeding ${DEVICES} devices and ${ordersNeeded.toLocaleString('en')} ready orders in schema ${schema} …`);
const devices = (await seedBench(db, DEVICES, ordersNeeded)).map((d) => new LoadDevice(d));
await db.query('VACUUM ANALYZE pickup_orders');
// The seed leaves a gigabyte of dirty pages; flush them now rather than in a checkpoint
// during the measured minute. Needs the pg_checkpoint role (.ci/postgres.sh grants it).
const flushed = await db.query('CHECKPOINT').then(() => true, () => false);
if (!flushed) console.log('  (no CHECKPOINT after seeding: grant pg_checkpoint to this role for steadier figures)');
await db.close();

const server = fork(new URL('./bench-server.ts', import.meta.url).pathname, [], {
  env: { ...process.env, PORT: String(PORT), BENCH_SCHEMA: schema },
  execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
});
await new Promise<void>((resolve) => server.once('message', () => resolve()));

let nextOrder = 0;
const takeOrders = () => Array.from({ length: BATCH }, () => nextOrder++);

// (a) closed loop
let applied = 0;
const endA = Date.now() + SECONDS * 1000;
const startA = Date.now();
await Promise.all(devices.map(async (d) => {
  while (Date.now() < endA) {
    const n = await push(PORT, d.auth, d.batchBody(takeOrders()));
    applied += n;
  }
}));
const throughput = applied / ((Date.now() - startA) / 1000);

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
  inflight.push(push(PORT, d.auth, d.batchBody(takeOrders())).then(() => { latencies.push(performance.now() - scheduled); }));
}
await Promise.all(inflight);
latencies.sort((x, y) => x - y);

server.disconnect();
await new Promise((r) => server.once('exit', r));

// (c) raw ceiling, the same minute
const ceiling = await rawCeiling(url, schema, Math.min(SECONDS, 10));
await drop();

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`
(a) throughput, ${DEVICES} devices × batches of ${BATCH}, ${SECONDS} s: ${fmt(throughput)} applied transactions/s   (target ≥ 20,000)
(b) open loop ${fmt(OFFERED_PER_SECOND)} tx/s offered, ${SECONDS} s: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms over ${latencies.length} batches${lateSends ? ` (${lateSends} sends late)` : ''}   (target p99 < 100 ms)
(c) raw multi-row INSERT … ON CONFLICT DO NOTHING: ${fmt(ceiling)} rows/s; ratio (a)/(c) = ${(throughput / ceiling).toFixed(3)}   (target ≥ 0.15)`);
