import { createCatalogueSearch, loadCatalogueSearch } from '../../renderer/staff/catalogue-search';
import type { Product } from '../../shared/protocol/catalogue';

/** Runs in Chromium: the tablet's catalogue search, timed by the page's own clock. */
const bench = {
  index: null as ReturnType<typeof createCatalogueSearch> | null,
  build(products: Product[]): number {
    const started = performance.now();
    bench.index = createCatalogueSearch(products);
    return performance.now() - started;
  },
  /** The index as the tablet stores it (IndexedDB), and the time to load it back. */
  stored: '' as string,
  store(): number {
    bench.stored = bench.index!.toJSON();
    return bench.stored.length;
  },
  load(products: Product[]): number {
    const started = performance.now();
    bench.index = loadCatalogueSearch(bench.stored, products);
    return performance.now() - started;
  },
  queries(queries: string[], rounds: number): { times: number[]; empty: number } {
    const times: number[] = [];
    let empty = 0;
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const started = performance.now();
        const found = bench.index!.search(q);
        times.push(performance.now() - started);
        if (found.length === 0) empty += 1;
      }
    }
    return { times, empty };
  },
};
(window as unknown as { bench: typeof bench }).bench = bench;
