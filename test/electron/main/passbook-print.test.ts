import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrinterService } from '../../../electron/main/services/printer-service';
import { PrintJournal } from '../../../electron/printer/print-journal';
import { findProfile } from '../../../electron/printer/profiles';
import { SerialTransport } from '../../../electron/printer/transport/serial-transport';
import { KioskDb, type PassbookRow } from '../../../renderer/db/kiosk-db';
import { LocalChanges } from '../../../renderer/db/local-changes';
import { printPassbook } from '../../../renderer/flows/print-passbook';
import { cardHash } from '../../../shared/domain/card-code';
import { decodeEscPos, EPSON_CODE_PAGES } from '../../fakes/escpos-decoder';
import { simPrinterOnPty } from '../../fakes/sim-printer-pty';
import { hasSocat } from '../printer/socat';
import { SELLER } from '../../shared/documents/sample-documents';
import { pageBridgeFor } from './support/page-bridge';

/**
 * The passbook's mark and the paper, through the kiosk's real print path but Electron: the
 * flow (renderer/flows/print-passbook.ts) → ElectronBridge → IPC → PrinterService and the
 * print journal → serialport on a socat pseudo-terminal at 115200 baud → a simulated
 * printer whose paper runs out mid-job.
 */
const CARD = '2991000000018';
let pty: Awaited<ReturnType<typeof simPrinterOnPty>>;
let journal: PrintJournal;
let service: PrinterService;
let db: KioskDb;

beforeEach(async () => {
  if (!hasSocat()) return;
  pty = await simPrinterOnPty({ baudRate: 115_200 });
  journal = await PrintJournal.open(join(mkdtempSync(join(tmpdir(), 'okno-passbook-')), 'journal.jsonl'));
  service = new PrinterService({
    connect: () => new SerialTransport(pty.appPath, 115_200),
    journal,
    profile: (findProfile('epson-tm-t20iii') as { ok: true; profile: never }).profile,
    answerTimeoutMs: 2_000,
    log: () => undefined,
    onStatus: () => undefined,
  });
  db = new KioskDb(`pb-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.putSetting('branch', SELLER);
  await db.putSetting('counters', { seq: 1, receipt: 1 });
  await db.putSetting('identity', { deviceId: '0193a000-0000-7000-8000-000000000002', deviceCode: 'MSK1-K01', branchCode: 'MSK1', role: 'kiosk' });
  const book: PassbookRow = {
    cardHash: cardHash(CARD), secretHash: null, shortName: 'Иван П.', linesPerPage: 24, asOf: '2026-11-30T09:00:00Z', preferences: null, blockedCardHashes: [],
    mark: { through: 0, page: 1, line: 0, balanceKopecks: 0 },
    entries: Array.from({ length: 12 }, (_, i) => ({ line: i + 1, postedAt: `2026-11-${String(i + 1).padStart(2, '0')}T09:00:00Z`, textRu: 'Пенсия, зачисление', textEn: 'Pension credited', amountKopecks: 2_450_000 })),
  };
  await db.passbooks.put(book);
});

afterEach(async () => {
  if (!hasSocat()) return;
  await service.close();
  await journal.close();
  await pty.close();
  db.close();
});

const paper = () => decodeEscPos(new Uint8Array(pty.sim.printed), EPSON_CODE_PAGES).flatMap((l) => (l.kind === 'text' ? [l.text.trim()] : []));

describe.skipIf(!hasSocat())('a passbook continuation over a serial port', () => {
  it('paper out mid-print leaves the mark where it was and queues nothing; with a new roll the same lines print whole, marked КОПИЯ, and only then the mark moves', async () => {
    const { bridge } = pageBridgeFor(service);
    const changes = new LocalChanges(db);
    pty.sim.faults.paperOutAfterBytes = 400; // the roll ends a few lines in
    const book = (await db.passbooks.get(cardHash(CARD)))!;
    expect(await printPassbook({ changes, host: bridge }, { book, cardNumber: CARD, lang: 'ru', offline: false })).toEqual({ ok: false, code: 'paper-out' });
    expect(await db.outbox.count()).toBe(0);
    expect((await db.passbooks.get(cardHash(CARD)))!).toMatchObject({ mark: { through: 0 }, printProblem: 'paper-out' });
    expect(paper().join('\n')).not.toContain('Остаток на конец');

    pty.sim.loadPaper();
    pty.sim.printed = [];
    const again = (await db.passbooks.get(cardHash(CARD)))!;
    expect(await printPassbook({ changes, host: bridge }, { book: again, cardNumber: CARD, lang: 'ru', offline: false })).toMatchObject({ ok: true, lines: 12, document: { type: 'passbook', copy: true } });
    const lines = paper();
    expect(lines[0]).toBe('КОПИЯ');
    expect(lines).toContain('стр. 1, строка 1');
    // The number taken for the try that ran out of paper is the one on the copy: no gap, no second number.
    expect(lines.join('\n')).toMatch(/Выписка № +MSK1-K01-000001/);
    expect(lines.join('\n')).toMatch(/Остаток на конец +294 000,00 руб\./);
    const [queued] = await db.outbox.toArray();
    expect(queued).toMatchObject({ kind: 'passbook.printed', payload: { cardHash: cardHash(CARD), fromLine: 1, throughLine: 12, page: 1, line: 12, statementNumber: 'MSK1-K01-000001' } });
    const after = (await db.passbooks.get(cardHash(CARD)))!;
    expect(after).toMatchObject({ mark: { through: 12, page: 1, line: 12, balanceKopecks: 29_400_000 }, entries: [] });
    expect(after.printProblem).toBeUndefined();
  }, 20_000);
});
