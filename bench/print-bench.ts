/**
 * npm run bench:print — what it costs to turn each paper document into ESC/POS bytes
 * (layout, substitution, code page, commands), per printer width. The time on the wire
 * over a serial port comes with the transports (issue: Electron and ESC/POS printing).
 */
import { renderEscPos } from '../electron/printer/render-escpos';
import { PRINTER_PROFILES } from '../electron/printer/profiles';
import { sampleDocuments } from '../test/shared/documents/sample-documents';
import { percentile } from './load';

const RUNS = 2000;
const docs = sampleDocuments('ru');
console.log(`encoding each document ${RUNS} times after 200 warm-up runs (target ≤ 1 ms each):`);
for (const id of ['pos-58', 'epson-tm-t88vi', 'epson-tm-t20iii']) {
  const profile = PRINTER_PROFILES[id]!;
  for (const [kind, doc] of Object.entries(docs)) {
    for (let i = 0; i < 200; i++) renderEscPos(doc, profile);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      bytes = renderEscPos(doc, profile).length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${kind.padEnd(9)} ${String(profile.columns).padStart(2)} columns (${id}): p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, ${bytes} bytes`);
  }
}
