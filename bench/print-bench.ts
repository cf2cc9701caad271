/**
 * npm run bench:print
 * 1. What it costs to turn each paper document into ESC/POS bytes (layout, substitution,
 *    code page, commands), per printer width. Target ≤ 1 ms each.
 * 2. A receipt, and a passbook continuation of 30 entries (with the summary line of the
 *    older ones and a page turn), over a serial pseudo-terminal at 115200 baud, from submit
 *    to confirmed (the print journal's fsyncs, DLE EOT status, GS a, the job, the GS r
 *    answer), set against the physical limit of bytes × 10 / baud. The simulated printer
 *    takes bytes no faster than that wire would deliver them. Target ratio ≤ 1.5. Needs socat.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printDocument } from '../electron/printer/print-document';
import { PrintJournal } from '../electron/printer/print-journal';
import { renderEscPos } from '../electron/printer/render-escpos';
import { PRINTER_PROFILES } from '../electron/printer/profiles';
import { SerialTransport } from '../electron/printer/transport/serial-transport';
import { simPrinterOnPty } from '../test/fakes/sim-printer-pty';
import { hasSocat } from '../test/electron/printer/socat';
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

if (!hasSocat()) console.log('\nover a serial port: skipped, socat is not installed (apt-get install -y socat)');
else {
  await wireBench('receipt', docs.receipt);
  await wireBench('passbook continuation, 30 entries + a summary line, a page turn', docs['passbook-summary']);
}

async function wireBench(name: string, sample: (typeof docs)['receipt']) {
  const BAUD = 115_200;
  const JOBS = 20;
  const profile = PRINTER_PROFILES['epson-tm-t20iii']!;
  const pty = await simPrinterOnPty({ baudRate: BAUD, paceToBaud: true });
  const transport = new SerialTransport(pty.appPath, BAUD);
  await transport.open();
  const journal = await PrintJournal.open(join(mkdtempSync(join(tmpdir(), 'okno-bench-')), 'journal.jsonl'));
  const bytes = renderEscPos(sample, profile).length;
  const limitMs = (bytes * 10 * 1000) / BAUD;
  const times: number[] = [];
  for (let i = 0; i < JOBS + 2; i++) {
    const doc = { ...sample, id: `bench-${name.slice(0, 8)}-${i}` };
    const t0 = performance.now();
    const outcome = await printDocument({ journal, transport, profile }, doc, { answerTimeoutMs: 1000 });
    const ms = performance.now() - t0;
    if (!outcome.ok) throw new Error(`bench ${name} ${i} did not print: ${JSON.stringify(outcome)}`);
    if (i >= 2) times.push(ms); // two warm-up jobs
  }
  await transport.close();
  await journal.close();
  await pty.close();
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  console.log(`\n${name} over a serial pseudo-terminal at ${BAUD} baud, submit → confirmed, ${JOBS} jobs (target ratio ≤ 1.5):`);
  console.log(`  ${bytes} bytes: physical limit ${limitMs.toFixed(1)} ms; p50 ${p50.toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms; ratio p50 ${(p50 / limitMs).toFixed(2)}, p95 ${(percentile(times, 95) / limitMs).toFixed(2)}`);
}
