import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printDocument } from '../../../electron/printer/print-document';
import { PrintJournal } from '../../../electron/printer/print-journal';
import { PRINTER_PROFILES } from '../../../electron/printer/profiles';
import { TcpTransport } from '../../../electron/printer/transport/tcp-transport';
import { simPrinterServer, type SimPrinterServer } from '../../fakes/sim-printer-server';
import { sampleDocuments } from '../../shared/documents/sample-documents';

/** A receipt can be neither lost nor doubled: the journal on disk, the simulated printer on TCP. */
describe('the print journal', () => {
  let net: SimPrinterServer;
  let transport: TcpTransport;
  let journalPath = '';
  beforeEach(async () => {
    net = await simPrinterServer();
    transport = new TcpTransport('127.0.0.1', net.port);
    await transport.open();
    await new Promise((r) => setTimeout(r, 20));
    journalPath = join(mkdtempSync(join(tmpdir(), 'okno-journal-')), 'print-journal.jsonl');
  });
  afterEach(async () => {
    await transport.close();
    await net.close();
  });

  const receipt = sampleDocuments('ru').receipt;
  const profile = PRINTER_PROFILES['epson-tm-t88vi']!;
  const fast = { answerTimeoutMs: 300, printGraceMs: 300 };
  const receiptsOnPaper = () => net.paperLines();

  it('prints a document once; printing it again needs an explicit КОПИЯ', async () => {
    const journal = await PrintJournal.open(journalPath);
    const deps = { journal, transport, profile };
    expect(await printDocument(deps, receipt, fast)).toEqual({ ok: true, paperNearEnd: false });
    expect(await printDocument(deps, receipt, fast)).toEqual({ ok: false, code: 'already-printed' });
    expect(await printDocument(deps, receipt, { ...fast, copy: true })).toEqual({ ok: true, paperNearEnd: false });
    const lines = receiptsOnPaper();
    expect(lines.filter((l) => l === 'ТОВАРНЫЙ ЧЕК')).toHaveLength(2);
    expect(lines.filter((l) => l === 'КОПИЯ')).toHaveLength(1);
    expect(readFileSync(journalPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l).state)).toEqual(['queued', 'sent', 'confirmed', 'queued', 'sent', 'confirmed']);
    await journal.close();
  });

  it('paper out mid-job: after the roll is changed the whole receipt prints again, marked КОПИЯ', async () => {
    const journal = await PrintJournal.open(journalPath);
    const deps = { journal, transport, profile };
    net.printer.faults.paperOutAfterBytes = 300;
    expect(await printDocument(deps, receipt, fast)).toEqual({ ok: false, code: 'paper-out', phase: 'during' });
    expect(journal.needingAttention()).toMatchObject([{ id: receipt.id, state: 'failed', problem: 'during:paper-out' }]);
    await new Promise((r) => setTimeout(r, 50));
    net.printer.loadPaper(); // staff change the roll: nothing of the stopped job follows
    await new Promise((r) => setTimeout(r, 50));
    expect(receiptsOnPaper()).not.toContain('Спасибо за покупку!');
    net.printer.printed = [];
    expect(await printDocument(deps, receipt, fast)).toEqual({ ok: true, paperNearEnd: false });
    expect(receiptsOnPaper()[0]).toBe('КОПИЯ');
    expect(receiptsOnPaper()).toContain('Спасибо за покупку!');
    await journal.close();
  });

  it('paper out before the job: nothing printed, and once fixed it prints as an original', async () => {
    const journal = await PrintJournal.open(journalPath);
    const deps = { journal, transport, profile };
    net.printer.faults.paperOut = true;
    expect(await printDocument(deps, receipt, fast)).toEqual({ ok: false, code: 'paper-out', phase: 'before' });
    net.printer.loadPaper();
    expect(await printDocument(deps, receipt, fast)).toEqual({ ok: true, paperNearEnd: false });
    expect(receiptsOnPaper()).not.toContain('КОПИЯ');
    await journal.close();
  });

  it('a crash with a job "sent" leaves it "unknown": offered as КОПИЯ, never resent silently', async () => {
    const before = await PrintJournal.open(journalPath);
    await before.record(receipt.id, 'queued');
    await before.record(receipt.id, 'sent');
    await before.close(); // the app dies here
    appendFileSync(journalPath, '{"id":"torn'); // and the power cut tore a half-written line
    const journal = await PrintJournal.open(journalPath);
    expect(journal.get(receipt.id)).toMatchObject({ state: 'unknown', problem: 'interrupted' });
    const deps = { journal, transport, profile };
    expect(await printDocument(deps, receipt, fast)).toEqual({ ok: false, code: 'maybe-printed' });
    expect(net.printer.printed).toEqual([]);
    expect(await printDocument(deps, receipt, { ...fast, copy: true })).toEqual({ ok: true, paperNearEnd: false });
    expect(receiptsOnPaper()[0]).toBe('КОПИЯ');
    await journal.close();
    // The torn line did not swallow what came after it.
    const reopened = await PrintJournal.open(journalPath);
    expect(reopened.get(receipt.id)).toMatchObject({ state: 'confirmed', copy: true });
    await reopened.close();
  });

  it('compacts: documents confirmed longer ago than the retention go, documents in doubt stay however old', async () => {
    const day = 86_400_000;
    let clock = new Date('2026-01-01T10:00:00Z');
    const journal = await PrintJournal.open(journalPath, { now: () => clock, retentionDays: 30 });
    for (let i = 0; i < 50; i++) {
      await journal.record(`old-${i}`, 'queued', { at: clock });
      await journal.record(`old-${i}`, 'sent', { at: clock });
      await journal.record(`old-${i}`, 'confirmed', { at: clock });
    }
    await journal.record('old-paper-out', 'failed', { at: clock, problem: 'during:paper-out' });
    await journal.record('old-in-doubt', 'unknown', { at: clock, problem: 'interrupted' });
    clock = new Date(clock.getTime() + 20 * day);
    await journal.record('recent', 'confirmed', { at: clock });
    await journal.close();
    const linesBefore = readFileSync(journalPath, 'utf8').trim().split('\n').length;
    expect(linesBefore).toBe(153);

    clock = new Date(clock.getTime() + 15 * day); // 35 days after the old ones, 15 after "recent"
    const reopened = await PrintJournal.open(journalPath, { now: () => clock, retentionDays: 30 });
    const kept = readFileSync(journalPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; state: string });
    expect(kept.map((e) => `${e.id}:${e.state}`).sort()).toEqual(['old-in-doubt:unknown', 'old-paper-out:failed', 'recent:confirmed']);
    expect(reopened.get('old-7')).toBeUndefined();
    expect(reopened.needingAttention().map((e) => e.id).sort()).toEqual(['old-in-doubt', 'old-paper-out']);
    // It goes on appending after compacting.
    await reopened.record('next', 'confirmed', { at: clock });
    await reopened.close();
    expect((await PrintJournal.open(journalPath, { now: () => clock })).get('next')).toMatchObject({ state: 'confirmed' });
  });
});
