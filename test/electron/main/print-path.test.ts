import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrinterService } from '../../../electron/main/services/printer-service';
import { PrintJournal } from '../../../electron/printer/print-journal';
import { findProfile } from '../../../electron/printer/profiles';
import { TcpTransport } from '../../../electron/printer/transport/tcp-transport';
import type { ElectronBridge } from '../../../renderer/bridge/electron-bridge';
import type { PrinterStatus } from '../../../shared/protocol/ipc';
import { type SimPrinterServer, simPrinterServer } from '../../fakes/sim-printer-server';
import { sampleDocuments } from '../../shared/documents/sample-documents';
import { pageBridgeFor } from './support/page-bridge';

/**
 * The kiosk's print path in Electron, end to end except for Electron itself: the page's
 * ElectronBridge → the preload's API → IPC (structured clone) → the main process's handler
 * → PrinterService and the print journal → TCP → a simulated printer, decoded back to text.
 */
let printer: SimPrinterServer;
let journal: PrintJournal;
let service: PrinterService;
let bridge: ElectronBridge;
const statuses: PrinterStatus[] = [];

beforeEach(async () => {
  printer = await simPrinterServer();
  journal = await PrintJournal.open(join(mkdtempSync(join(tmpdir(), 'okno-path-')), 'journal.jsonl'));
  statuses.length = 0;
  let toPage: Set<(value: unknown) => void> = new Set();
  service = new PrinterService({
    connect: () => new TcpTransport('127.0.0.1', printer.port),
    journal,
    profile: (findProfile('epson-tm-t20iii') as { ok: true; profile: never }).profile,
    answerTimeoutMs: 300,
    log: () => undefined,
    onStatus: (status) => { for (const l of toPage) l(structuredClone(status)); },
  });
  ({ bridge, toPage } = pageBridgeFor(service));
  bridge.onPrinterStatus((status) => statuses.push(status));
});

afterEach(async () => {
  await service.close();
  await journal.close();
  await printer.close();
});

const handover = () => {
  const docs = sampleDocuments('ru');
  return [docs.receipt, docs.warranty];
};

describe('printing a handover from the kiosk page in Electron', () => {
  it('prints the receipt and the warranty slip, in order, in Russian', async () => {
    expect(await bridge.print(handover())).toEqual({ ok: true });
    const lines = printer.paperLines();
    expect(lines.indexOf('ТОВАРНЫЙ ЧЕК')).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf('ГАРАНТИЙНЫЙ ТАЛОН')).toBeGreaterThan(lines.indexOf('ТОВАРНЫЙ ЧЕК'));
    expect(lines.join('\n')).not.toMatch(/\?/);
  });

  it('paper out mid-receipt: the customer is told, the page hears of it, and after the roll is changed the receipt prints whole as КОПИЯ', async () => {
    printer.printer.faults.paperOutAfterBytes = 200;
    expect(await bridge.print(handover())).toEqual({ ok: false, code: 'paper-out' });
    await expect.poll(() => statuses.at(-1)).toEqual({ problem: 'paper-out', paperNearEnd: false });
    expect(printer.paperLines()).not.toContain('ГАРАНТИЙНЫЙ ТАЛОН'); // the slip waited for the receipt
    printer.printer.loadPaper();
    printer.printer.printed.length = 0;
    expect(await bridge.print(handover())).toEqual({ ok: true });
    const lines = printer.paperLines();
    expect(lines[0]).toBe('КОПИЯ');
    expect(lines).toContain('ТОВАРНЫЙ ЧЕК');
    expect(lines).toContain('ГАРАНТИЙНЫЙ ТАЛОН');
    expect(lines.filter((l) => l === 'КОПИЯ')).toHaveLength(1); // the slip was never on paper: an original
    expect(statuses.at(-1)).toEqual({ problem: null, paperNearEnd: false });
  });

  it('a printer switched off and on between customers prints the next handover without a restart', async () => {
    const [receipt, warranty] = handover();
    expect(await bridge.print([receipt!])).toEqual({ ok: true });
    printer.powerCycle();
    printer.printer.printed.length = 0;
    expect(await bridge.print([warranty!])).toEqual({ ok: true });
    expect(printer.paperLines()).toContain('ГАРАНТИЙНЫЙ ТАЛОН');
  });

  it('a printer that is off: "not answering", nothing marked printed, and it prints once it is back', async () => {
    const port = printer.port;
    await printer.close();
    const [receipt, warranty] = handover();
    expect(await bridge.print([receipt!, warranty!])).toEqual({ ok: false, code: 'offline' });
    await expect.poll(() => statuses.at(-1)).toEqual({ problem: 'offline', paperNearEnd: false });
    expect(journal.needingAttention()).toEqual([expect.objectContaining({ id: receipt!.id, state: 'failed', problem: 'before:offline' })]);
    printer = await simPrinterServer(port);
    expect(await bridge.print([receipt!, warranty!])).toEqual({ ok: true });
    const lines = printer.paperLines();
    expect(lines).toContain('ТОВАРНЫЙ ЧЕК');
    expect(lines).not.toContain('КОПИЯ'); // nothing of it had reached paper: it is the original
  });
});
