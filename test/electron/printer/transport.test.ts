import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { printJob } from '../../../electron/printer/print-job';
import { PRINTER_PROFILES } from '../../../electron/printer/profiles';
import { renderEscPos } from '../../../electron/printer/render-escpos';
import { createTransport, parseTransport } from '../../../electron/printer/transport/parse-transport';
import { SerialTransport } from '../../../electron/printer/transport/serial-transport';
import { TcpTransport } from '../../../electron/printer/transport/tcp-transport';
import { decodeEscPos, EPSON_CODE_PAGES } from '../../fakes/escpos-decoder';
import type { SimPrinter } from '../../fakes/sim-printer';
import { simPrinterOnPty } from '../../fakes/sim-printer-pty';
import { simPrinterServer, type SimPrinterServer } from '../../fakes/sim-printer-server';
import { hasSocat } from './socat';
import { sampleDocuments } from '../../shared/documents/sample-documents';

const profile = PRINTER_PROFILES['epson-tm-t88vi']!;
const receipt = () => renderEscPos(sampleDocuments('ru').receipt, profile);
const paperText = (sim: SimPrinter) => decodeEscPos(new Uint8Array(sim.printed), EPSON_CODE_PAGES).flatMap((l) => (l.kind === 'text' ? [l.text.trim()] : [])).join('\n');

describe('a printer on TCP port 9100 (simulated)', () => {
  let net: SimPrinterServer;
  let port = 0;
  beforeEach(async () => {
    net = await simPrinterServer();
    port = net.port;
  });
  afterEach(() => net.close());

  async function print(setup: (s: SimPrinter) => void = () => undefined, timeouts = { answerTimeoutMs: 300, printGraceMs: 300 }) {
    const transport = new TcpTransport('127.0.0.1', port);
    await transport.open();
    await new Promise((r) => setTimeout(r, 20));
    setup(net.printer);
    const outcome = await printJob(transport, receipt(), timeouts);
    await transport.close();
    return outcome;
  }

  it('prints a receipt and confirms it by the GS r answer', async () => {
    expect(await print()).toEqual({ ok: true, paperNearEnd: false });
    expect(net.paperLines()).toContain('ТОВАРНЫЙ ЧЕК');
    expect(net.paperLines().join('\n')).toMatch(/ИТОГО +5 521,50 руб\./);
  });

  it.each([
    ['out of paper', (s: SimPrinter) => { s.faults.paperOut = true; }, 'paper-out'],
    ['with its cover open', (s: SimPrinter) => { s.faults.coverOpen = true; }, 'cover-open'],
    ['not answering', (s: SimPrinter) => { s.faults.silent = true; }, 'no-answer'],
  ] as const)('refuses the job before sending it when the printer is %s', async (_name, setup, problem) => {
    expect(await print(setup)).toEqual({ ok: false, phase: 'before', code: problem });
    expect(net.printer.printed).toEqual([]);
  });

  it('paper running out mid-job is reported as such, and the rest of the job never prints after the roll is changed', async () => {
    const outcome = await print((s) => { s.faults.paperOutAfterBytes = 400; });
    expect(outcome).toEqual({ ok: false, phase: 'during', code: 'paper-out' });
    expect(net.paperLines()).not.toContain('Спасибо за покупку!');
    // The job's buffer was cleared (DLE ENQ 2): a new roll does not finish half a receipt,
    // the whole receipt is printed again as КОПИЯ instead (print-journal.test.ts).
    await new Promise((r) => setTimeout(r, 50)); // staff take a while to change the roll
    net.printer.loadPaper();
    await new Promise((r) => setTimeout(r, 50));
    expect(net.paperLines()).not.toContain('Спасибо за покупку!');
  });

  it.each([
    ['paper running out', (s: SimPrinter) => { s.faults.paperOutAfterBytes = 200; }, 'paper-out'],
    ['the cover opened', (s: SimPrinter) => { s.faults.coverOpenAfterBytes = 300; }, 'cover-open'],
  ] as const)('%s mid-job is reported by the printer itself (GS a), so the customer hears at once, not after the job’s time-out', async (_name, fault, problem) => {
    // A minute to finish: only the printer's own report can end this job within the test's time.
    expect(await print(fault, { answerTimeoutMs: 60_000, printGraceMs: 60_000 })).toEqual({ ok: false, phase: 'during', code: problem });
  }, 10_000);

  it('a printer that goes silent mid-job leaves the outcome unknown (maybe printed)', async () => {
    // It answers the three status requests before the job, then nothing more.
    expect(await print((s) => { s.faults.silentAfterAnswers = 3; })).toEqual({ ok: false, phase: 'during', code: 'unknown' });
  });

  it('warns when the paper is near its end but prints', async () => {
    expect(await print((s) => { s.faults.nearEnd = true; })).toEqual({ ok: true, paperNearEnd: true });
  });

  it('an unreachable printer is a clear error naming it', async () => {
    const transport = new TcpTransport('127.0.0.1', 1);
    await expect(transport.open()).rejects.toThrow(/tcp:127.0.0.1:1/);
  });
});

describe.skipIf(!hasSocat())('a printer on a serial port (socat pseudo-terminal pair, simulated printer)', () => {
  let pty: Awaited<ReturnType<typeof simPrinterOnPty>>;
  let appPath = '';
  let sim: SimPrinter;
  beforeAll(async () => {
    pty = await simPrinterOnPty({ baudRate: 115200 });
    ({ appPath, sim } = pty);
  });
  afterAll(() => pty?.close());

  it('prints a receipt at 115200 baud and confirms it', async () => {
    const transport = new SerialTransport(appPath, 115200);
    await transport.open();
    expect(await printJob(transport, receipt(), { answerTimeoutMs: 500, baudRate: 115200 })).toEqual({ ok: true, paperNearEnd: false });
    await transport.close();
    expect(paperText(sim)).toContain('Спасибо за покупку!');
  });

  it.each([
    ['paper runs out', (s: SimPrinter) => { s.faults.paperOutAfterBytes = 300; }, 'paper-out'],
    ['the cover is opened', (s: SimPrinter) => { s.faults.coverOpenAfterBytes = 300; }, 'cover-open'],
  ] as const)('%s mid-job: the printer reports it itself, and nothing more of the job prints once fixed', async (_name, fault, problem) => {
    const transport = new SerialTransport(appPath, 115200);
    await transport.open();
    sim.printed = [];
    fault(sim);
    // A minute to finish: only the printer's own report (GS a) can end this job in time.
    expect(await printJob(transport, receipt(), { answerTimeoutMs: 60_000, baudRate: 115200, printGraceMs: 60_000 })).toEqual({ ok: false, phase: 'during', code: problem });
    await new Promise((r) => setTimeout(r, 50));
    sim.faults.coverOpen = false;
    sim.loadPaper();
    await transport.close();
    expect(paperText(sim)).not.toContain('Спасибо за покупку!');
  }, 10_000);

  it('after a power cycle mid-job the answer never comes: unknown, and the next job prints whole', async () => {
    const transport = new SerialTransport(appPath, 115200);
    await transport.open();
    sim.printed = [];
    sim.faults.paperOut = true; // holds the job in the buffer …
    const first = printJob(transport, receipt(), { answerTimeoutMs: 300, baudRate: 115200, printGraceMs: 300 });
    await new Promise((r) => setTimeout(r, 50));
    sim.faults.paperOut = false;
    sim.faults.silent = true;
    sim.powerCycle(); // … which the power cut loses
    expect((await first).ok).toBe(false);
    sim.faults.silent = false;
    expect(await printJob(transport, receipt(), { answerTimeoutMs: 500, baudRate: 115200 })).toEqual({ ok: true, paperNearEnd: false });
    await transport.close();
    expect(paperText(sim).match(/ТОВАРНЫЙ ЧЕК/g)).toHaveLength(1);
  });
});

describe('transport specs for installers', () => {
  it.each([
    ['serial:/dev/ttyUSB0?baud=19200', { kind: 'serial', path: '/dev/ttyUSB0', baudRate: 19200, flowControl: 'none' }],
    ['serial:/dev/ttyS0?baud=115200&flow=rtscts', { kind: 'serial', path: '/dev/ttyS0', baudRate: 115200, flowControl: 'rtscts' }],
    ['tcp:192.168.1.50:9100', { kind: 'tcp', host: '192.168.1.50', port: 9100 }],
    ['file:/tmp/out.bin', { kind: 'file', path: '/tmp/out.bin' }],
  ])('%s', (text, spec) => {
    expect(parseTransport(text)).toEqual({ ok: true, spec });
  });

  it.each([
    ['serial:/dev/ttyUSB0?baud=12345', /baud must be one of/],
    ['tcp:printer', /expected tcp:<host>:<port>/],
    ['usb:0x0416', /expected serial:<path>\?baud=<rate>, tcp:<host>:<port> or file:<path>/],
  ])('%s is refused with what was expected', (text, message) => {
    const parsed = parseTransport(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.detail).toMatch(message);
  });

  it('the file transport writes the job and confirms it once on disk', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'okno-print-')), 'out.bin');
    const parsed = parseTransport(`file:${path}`);
    if (!parsed.ok) throw new Error(parsed.detail);
    const transport = createTransport(parsed.spec);
    await transport.open();
    expect(await printJob(transport, receipt())).toEqual({ ok: true, paperNearEnd: false });
    await transport.close();
    expect(decodeEscPos(new Uint8Array(readFileSync(path)), EPSON_CODE_PAGES).some((l) => l.kind === 'text' && l.text.includes('ТОВАРНЫЙ ЧЕК'))).toBe(true);
  });
});
