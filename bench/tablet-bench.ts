/**
 * npm run bench:tablet — the staff tablet's catalogue search in Debian Chromium:
 *  - building the MiniSearch index over 50,000 products (the time until the first query
 *    can run, after the products are in memory);
 *  - queries a staff member types (whole words, prefixes, typos, Cyrillic brands,
 *    shoppers' words), p50 and p95 over many rounds after a warm-up;
 *  - the page's JavaScript heap after the index is built.
 */
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { ROOT } from '../scripts/build-kiosk';
import { demoData } from '../server/seed/demo-data';
import type { Product } from '../shared/protocol';
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/support/chromium';
import { percentile } from './load';

const executablePath = findChromium();
if (!executablePath) {
  console.error('bench:tablet needs Chromium: apt-get install -y chromium');
  process.exit(2);
}
const PRODUCTS = 50_000;
const QUERIES = ['телевизор', 'тилевизор самсунг', 'стиралка', 'чайн', 'холодилник атлант', 'kettle bosch', 'микроволновка lg', 'тонометр омрон', 'фен филипс', 'радиоприемник', 'пылесос', 'батарейки'];

// 50,000 products: the demo catalogue's kinds and brands, with models enough to fill it.
const demo = demoData().products;
const products: Product[] = Array.from({ length: PRODUCTS }, (_, i) => {
  const base = demo[i % demo.length]!;
  const model = `${base.model ?? 'X'}-${Math.floor(i / demo.length)}`;
  return {
    ...base, sku: `SKU-${String(i + 1).padStart(6, '0')}`, ean13: String(4600000000000 + i), model,
    nameRu: base.nameRu.replace(base.model ?? '', model), nameEn: base.nameEn.replace(base.model ?? '', model), updatedAt: '2026-11-30T00:00:00.000Z',
  };
});

const bundle = await build({ entryPoints: [`${ROOT}/bench/tablet/bench-page.ts`], bundle: true, write: false, format: 'iife', target: 'chrome120', minify: true, logLevel: 'error' });
const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>bench:tablet</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  await page.evaluate((p) => { (window as unknown as { products: unknown }).products = p; }, products);
  const builds: number[] = [];
  for (let i = 0; i < 3; i++) builds.push(await page.evaluate(() => (window as unknown as { bench: { build(p: unknown): number }; products: unknown }).bench.build((window as unknown as { products: unknown }).products)));
  const storedChars = await page.evaluate(() => (window as unknown as { bench: { store(): number } }).bench.store());
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) loads.push(await page.evaluate(() => (window as unknown as { bench: { load(p: unknown): number }; products: unknown }).bench.load((window as unknown as { products: unknown }).products)));
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  type Run = { times: number[]; empty: number };
  const run = (rounds: number) => page.evaluate(([q, r]) => (window as unknown as { bench: { queries(q: string[], r: number): Run } }).bench.queries(q, r), [QUERIES, rounds] as const);
  await run(5); // warm-up
  const { times, empty } = await run(50);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`index of ${PRODUCTS.toLocaleString('en')} products built in ${builds.map((b) => `${b.toFixed(0)} ms`).join(', ')} (3 runs)`);
  console.log(`stored index (${(storedChars / 1024 / 1024).toFixed(1)} M characters) loaded back in ${loads.map((b) => `${b.toFixed(0)} ms`).join(', ')} (3 runs)`);
  console.log(`query (${times.length} of ${QUERIES.length} kinds): p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms; queries that found nothing: ${empty}`);
  console.log(`JavaScript heap with the index: ${(heap / 1024 / 1024).toFixed(0)} MiB`);
} finally {
  await browser.close();
}
