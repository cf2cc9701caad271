/**
 * npm run bench:kiosk — the kiosk in Debian Chromium against the real server on PostgreSQL:
 *  - order lookup by code among 50,000 cached orders (and the raw IndexedDB read beneath);
 *  - outbox enqueue with strict durability;
 *  - draining 10,000 queued transactions to the server;
 *  - cold start: navigation to a welcome screen that answers a tap;
 *  - the kiosk's JavaScript, gzipped.
 * DATABASE_URL names the PostgreSQL (`.ci/postgres.sh` starts one and prints it).
 */
import fastifyStatic from '@fastify/static';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../server/app';
import { DEFAULT_KIOSK_DIR } from '../server/main';
import { KIOSK_CSP } from '../server/http/kiosk-static';
import { buildServices } from '../server/services';
import { buildKiosk, ROOT } from '../scripts/build-kiosk';
import { CHROMIUM_ARGS, KIOSK_VIEWPORT, findChromium } from '../test/e2e/support/chromium';
import { benchSchema } from './bench-schema';
import { seedBench } from './bench-seed';
import { kioskScripts, scriptSizes } from './kiosk-bundle';
import { percentile } from './load';

const url = process.env.DATABASE_URL;
const executablePath = findChromium();
if (!url || !executablePath) {
  console.error('bench:kiosk needs PostgreSQL and Chromium: run `.ci/postgres.sh`, set DATABASE_URL to the URL it prints, and install chromium.');
  process.exit(2);
}
const CACHED = 50_000;
const QUEUED = 10_000;
const BENCH_DIR = `${ROOT}/dist/bench-kiosk`;

await buildKiosk({ quiet: true });
await build({ configFile: false, root: `${ROOT}/bench/kiosk`, base: '/bench/', plugins: [react()], logLevel: 'error', build: { outDir: BENCH_DIR, emptyOutDir: true, target: 'chrome120' } });

const { db, drop } = await benchSchema(url, 'kbench');
await seedBench(db, 0, QUEUED);
const services = buildServices(db);
const { code: kioskCode } = await services.enrollment.createCode({ branchCode: 'BNCH' });
const enrolled = await services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'BNCH' })).code);
const app = await buildApp({ db, kioskDir: DEFAULT_KIOSK_DIR });
await app.register(fastifyStatic, { root: BENCH_DIR, prefix: '/bench/', decorateReply: false, setHeaders: (res) => res.header('Content-Security-Policy', KIOSK_CSP) });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

type Bench = {
  setup(o: object): Promise<number>; lookups(n: number): Promise<number[]>; rawLookups(n: number): Promise<number[]>;
  enqueues(n: number, deviceCode: string): Promise<number[]>; drain(): Promise<{ queued: number; ms: number; fetchMs: number; left: number; quarantined: number }>;
};
const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
};
const ms = (v: number) => `${v.toFixed(2)} ms`;

try {
  const page = await browser.newPage({ viewport: KIOSK_VIEWPORT });
  await page.goto(`${base}/bench/?batch=${process.env.BENCH_BATCH ?? ''}`);
  const call = <T>(fn: string, ...args: unknown[]) =>
    page.evaluate(([f, a]) => (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[f as string]!(...(a as unknown[])), [fn, args] as const) as Promise<T>;
  console.log(`caching ${CACHED.toLocaleString('en')} orders in IndexedDB …`);
  await call<number>('setup', { orders: CACHED, token: enrolled.token, deviceId: enrolled.deviceId, deviceCode: enrolled.deviceCode } );
  await call('lookups', 200); // warm-up
  const lookup = stats(await call<number[]>('lookups', 2000));
  const raw = stats(await call<number[]>('rawLookups', 2000));
  console.log(`lookup among ${CACHED.toLocaleString('en')}: p50 ${ms(lookup.p50)}, p95 ${ms(lookup.p95)} (raw IndexedDB get: p95 ${ms(raw.p95)})`);
  const enqueue = stats(await call<number[]>('enqueues', QUEUED, enrolled.deviceCode));
  console.log(`enqueue (strict durability), ${QUEUED.toLocaleString('en')} of them: p50 ${ms(enqueue.p50)}, p95 ${ms(enqueue.p95)}`);
  const drained = await call<Awaited<ReturnType<Bench['drain']>>>('drain');
  console.log(`drain ${drained.queued.toLocaleString('en')} queued to the server: ${(drained.ms / 1000).toFixed(2)} s (of which waiting for the server ${(drained.fetchMs / 1000).toFixed(2)} s; left ${drained.left}, quarantined ${drained.quarantined})`);
  const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM transactions WHERE status = 'applied'");
  console.log(`  server: ${rows[0]!.n.toLocaleString('en')} applied`);
  await page.close();

  // Cold start: an enrolled kiosk (its profile has a token and a synced cache) is opened again.
  const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
  const first = await context.newPage();
  await first.goto(`${base}/kiosk/?enroll=${kioskCode}&host=fake`);
  await first.getByTestId('pickup').waitFor();
  await first.waitForTimeout(1500);
  await first.close();
  // In the page, from navigation start: when the welcome screen was up with its handlers
  // (a performance mark the kiosk sets), and when a tap on "pick up" — made by a script
  // in the page the moment the button exists — had brought the next screen. No test-driver
  // round trip is inside either figure.
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="pickup"]');
      if (button && !(window as unknown as { tapped?: boolean }).tapped) {
        (window as unknown as { tapped?: boolean }).tapped = true;
        button.click();
      }
      if (document.querySelector('main[data-screen="code"]')) {
        performance.mark('bench:tap-answered');
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  const ready: number[] = [];
  const tapped: number[] = [];
  for (let i = 0; i < 20; i++) {
    const p = await context.newPage();
    await p.goto(`${base}/kiosk/?host=fake`);
    await p.locator('main[data-screen="code"]').waitFor();
    const marks = await p.evaluate(() => ({
      ready: performance.getEntriesByName('okno:kiosk-ready')[0]!.startTime,
      tapped: performance.getEntriesByName('bench:tap-answered')[0]!.startTime,
    }));
    ready.push(marks.ready);
    tapped.push(marks.tapped);
    await p.close();
  }
  const r = stats(ready);
  const t = stats(tapped);
  console.log(`cold start (20 loads): navigation → welcome ready p50 ${ms(r.p50)}, p95 ${ms(r.p95)}; → first tap answered p50 ${ms(t.p50)}, p95 ${ms(t.p95)}`);
  await context.close();

  // Every script a kiosk can load (its first screen's and the schemas it loads later), not
  // the staff tablet's bundle, which only a tablet loads.
  const js = kioskScripts(DEFAULT_KIOSK_DIR);
  const size = scriptSizes(DEFAULT_KIOSK_DIR, js);
  console.log(`kiosk JavaScript: ${(size.gzip / 1024).toFixed(1)} KB gzipped (${(size.raw / 1024).toFixed(1)} KB raw, ${js.length} file(s))`);
} finally {
  await browser.close();
  await app.close();
  await db.close();
  await drop();
}
