/**
 * npm run bench:events — live events on PostgreSQL with the server as 2 worker processes
 * (BENCH_WORKERS): 200 tablets (BENCH_TABLETS) hold an event stream open (spread over the workers by the
 * kernel), 50 kiosks call for help one after another, and each call is timed from the
 * moment its kiosk sends the push to the moment the event arrives at every tablet. Also
 * the server's memory per open stream: its processes' resident size before and after the
 * 200 streams are opened. DATABASE_URL names the PostgreSQL (`.ci/postgres.sh`). The
 * tablets are light clients (light-sse.ts): with 5,000 streams the test helper's parsing
 * would time the client. Raise `ulimit -n` for thousands (the script does).
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { buildServices } from '../server/services';
import { hashToken, newToken } from '../server/services/tokens';
import { benchSchema } from './bench-schema';
import { openLightSse } from './light-sse';
import { percentile } from './load';
import { serverRss } from './server-rss';
import { sseFloor } from './sse-floor';
import { meanMs, p99Bucket, readHistogram } from './metrics-histogram';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench:events needs PostgreSQL: run `.ci/postgres.sh` and set DATABASE_URL to the URL it prints.');
  process.exit(2);
}
const TABLETS = Number(process.env.BENCH_TABLETS ?? 200);
const KIOSKS = 50;
const CALLS = Number(process.env.BENCH_CALLS ?? 100);
const GAP_MS = 100;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PORT = 19_000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${PORT}`;

const { schema, db, drop } = await benchSchema(url, 'evbench');
const services = buildServices(db);
const branchId = randomUUID();
await services.repos.branches.insert(db, { id: branchId, code: 'BNCH', name: 'Bench', legalName: 'Bench', inn: '7701234561', address: '-' });
const enrol = async (role: 'kiosk' | 'tablet') => services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'BNCH', role })).code);
const kiosks = [];
for (let i = 0; i < KIOSKS; i++) kiosks.push({ ...(await enrol('kiosk')), seq: 1 });
const { id: staffId } = await services.staff.add({ branchCode: 'BNCH', employeeNo: '1001', name: 'Ольга Бенчева', role: 'associate', pin: '2468' });
const tablets = [];
for (let i = 0; i < TABLETS; i++) {
  const device = await enrol('tablet');
  // Sessions made directly: 200 scrypt sign-ins would only time the PIN hash.
  const session = newToken('oks');
  await services.repos.staff.insertSession(db, { id: randomUUID(), staffId, deviceId: device.deviceId, tokenHash: hashToken(session), expiresAt: new Date(Date.now() + 3600_000) });
  tablets.push({ ...device, session });
}
await db.close();

const server = fork(new URL('./bench-server.ts', import.meta.url).pathname, [], {
  env: { ...process.env, PORT: String(PORT), BENCH_SCHEMA: schema, BENCH_WORKERS: String(WORKERS) },
  execArgv: ['--import', 'tsx'],
});
await new Promise<void>((resolve) => server.once('message', () => resolve()));

const serverMemory = () => serverRss(server.pid!, 'bench-server');

const ticket = async (headers: Record<string, string>) =>
  ((await (await fetch(`${base}/api/v1/events/ticket`, { method: 'POST', headers })).json()) as { ticket: string }).ticket;
// Let the workers settle, then measure them idle.
await new Promise((r) => setTimeout(r, 2000));
const rssBefore = serverMemory();
// Each call waits for its arrival at every stream: the light client hands each frame
// over as text, and only a call's request id is looked for in it.
const pending = new Map<string, { at: number; arrivals: number[]; done(): void }>();
const streams = [];
for (const t of tablets) {
  const tk = await ticket({ authorization: `Bearer ${t.token}`, 'x-staff-session': t.session });
  const stream = await openLightSse(`${base}/api/v1/events?ticket=${tk}`, {
    event(e) {
      if (e.name !== 'assistance.requested') return;
      const call = pending.get(/"requestId":"([^"]+)"/.exec(e.data)?.[1] ?? '');
      if (!call) return;
      call.arrivals.push(performance.now() - call.at);
      if (call.arrivals.length === TABLETS) call.done();
    },
    end(reason) { console.error(`a stream ended: ${reason}`); },
  });
  if (stream.status !== 200) throw new Error(`a stream answered ${stream.status}`);
  streams.push(stream);
}
await new Promise((r) => setTimeout(r, 2000));
const rssAfter = serverMemory();
console.log(`${TABLETS} tablet streams open on ${WORKERS} worker(s); server memory ${(rssBefore / 2 ** 20).toFixed(1)} → ${(rssAfter / 2 ** 20).toFixed(1)} MiB: ${((rssAfter - rssBefore) / TABLETS / 1024).toFixed(1)} KiB per open stream`);

const latencies: number[] = [];
const worst: number[] = [];
const deliveryBefore = await readHistogram(base, 'okno_event_delivery_seconds');
for (let i = 0; i < CALLS; i++) {
  const kiosk = kiosks[i % KIOSKS]!;
  const requestId = randomUUID();
  const body = JSON.stringify({ transactions: [{ id: randomUUID(), seq: kiosk.seq++, kind: 'assistance.requested', occurredAt: new Date().toISOString(),
    payload: { requestId, screen: 'phone', context: { step: 'phone', lang: 'ru', largeText: false, voice: false } } }] });
  let done!: () => void;
  const heard = new Promise<void>((resolve) => (done = resolve));
  const call = { at: performance.now(), arrivals: [] as number[], done };
  pending.set(requestId, call);
  await fetch(`${base}/api/v1/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${kiosk.token}`, 'content-type': 'application/json' }, body });
  const timeout = setTimeout(() => { console.error(`call ${i}: heard by ${call.arrivals.length} of ${TABLETS} streams in 10 s`); process.exit(1); }, 10_000);
  await heard;
  clearTimeout(timeout);
  pending.delete(requestId);
  const arrivals = call.arrivals;
  latencies.push(...arrivals);
  worst.push(Math.max(...arrivals));
  await new Promise((r) => setTimeout(r, GAP_MS));
}
const sorted = [...latencies].sort((a, b) => a - b);
const sortedWorst = [...worst].sort((a, b) => a - b);
console.log(`${CALLS} calls × ${TABLETS} tablets: push → event at a tablet p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (target ≤ 250 ms); at the last of the ${TABLETS} tablets p50 ${percentile(sortedWorst, 50).toFixed(1)} ms, p99 ${percentile(sortedWorst, 99).toFixed(1)} ms`);
const deliveryAfter = await readHistogram(base, 'okno_event_delivery_seconds');
console.log(`the server's own part (okno_event_delivery_seconds: from the push's transaction to the event written to the last stream of a worker): mean ${meanMs(deliveryBefore, deliveryAfter).toFixed(1)} ms, p99 ${p99Bucket(deliveryBefore, deliveryAfter, 'events, one a worker')}`);
for (const s of streams) s.close();
server.disconnect();
await new Promise((r) => setTimeout(r, 500));
await drop();
// The machine's floor for the same: bare processes writing one frame to as many streams.
const floor = await sseFloor(TABLETS, WORKERS, CALLS);
console.log(`the floor (bench/sse-floor.ts: ${WORKERS} bare Node processes write one frame to ${TABLETS} streams, read by the same client): at the last stream p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms`);
process.exit(0);
