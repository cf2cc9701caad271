import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { KioskDb, type PassbookRow } from '../../renderer/db/kiosk-db';
import { LocalChanges } from '../../renderer/db/local-changes';
import { printPassbook } from '../../renderer/flows/print-passbook';
import type { PaperDocument } from '../../shared/documents';
import { cardHash } from '../../shared/domain/card-code';
import { SELLER } from '../shared/documents/sample-documents';

const CARD = '2991000000018';

async function kiosk(fullLines: number | null) {
  const db = new KioskDb(`pp-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.putSetting('branch', SELLER);
  await db.putSetting('identity', { deviceId: '0193a000-0000-7000-8000-000000000001', deviceCode: 'MSK1-K01', branchCode: 'MSK1', role: 'kiosk' });
  if (fullLines !== null) await db.putSetting('passbookFullLines', fullLines);
  const book: PassbookRow = {
    cardHash: cardHash(CARD), secretHash: null, shortName: 'Иван П.', linesPerPage: 10, asOf: '2026-11-30T09:00:00Z', preferences: null, blockedCardHashes: [],
    mark: { through: 4, page: 1, line: 4, balanceKopecks: 100_000 },
    entries: Array.from({ length: 12 }, (_, i) => ({ line: 5 + i, postedAt: `2026-11-${String(i + 1).padStart(2, '0')}T09:00:00Z`, textRu: 'Взнос', textEn: 'Deposit', amountKopecks: 1_000 })),
  };
  await db.passbooks.put(book);
  return { db, book };
}

describe('a passbook printout at the kiosk', () => {
  it('summarises the older lines past the server’s OKNO_PASSBOOK_FULL_LINES, and the mark lands on the last line’s place, across the page turn', async () => {
    const { db, book } = await kiosk(5);
    const printed: PaperDocument[] = [];
    expect(await printPassbook({ changes: new LocalChanges(db), host: { print: async (docs) => { printed.push(...docs); return { ok: true }; } } }, { book, cardNumber: CARD, lang: 'ru', offline: true }))
      .toMatchObject({ ok: true, lines: 12, document: { type: 'passbook', copy: false } });
    const rows = printed[0]!.blocks.filter((b) => b.kind === 'columns');
    expect(rows).toHaveLength(6); // one summary line for 7 entries, then the latest 5
    expect(printed[0]!.blocks).toContainEqual({ kind: 'text', text: expect.stringMatching(/^по состоянию на 30\.11\.2026/) });
    // 6 lines from page 1 line 5: lines 5–10 on page 1, so the last is page 1, line 10. The
    // queued transaction names the card as the kiosk holds it, by its keyed hash: never its number.
    expect((await db.outbox.toArray()).map((r) => r.payload)).toEqual([{ cardHash: book.cardHash, fromLine: 5, throughLine: 16, page: 1, line: 10, statementNumber: 'MSK1-K01-000001', paperLang: 'ru', asOf: '2026-11-30T09:00:00Z' }]);
    expect(JSON.stringify(await db.outbox.toArray())).not.toContain(CARD);
    expect((await db.passbooks.get(book.cardHash))!.mark).toEqual({ through: 16, page: 1, line: 10, balanceKopecks: 112_000 });
  });

  it('prints all 12 in full under the default of 30, turning the page after line 10', async () => {
    const { db, book } = await kiosk(null);
    const printed: PaperDocument[] = [];
    await printPassbook({ changes: new LocalChanges(db), host: { print: async (docs) => { printed.push(...docs); return { ok: true }; } } }, { book, cardNumber: CARD, lang: 'ru', offline: false });
    expect(printed[0]!.blocks.filter((b) => b.kind === 'columns')).toHaveLength(12);
    expect(printed[0]!.blocks).toContainEqual(expect.objectContaining({ kind: 'pair', left: 'Перенос на стр. 2' }));
    expect((await db.outbox.toArray())[0]!.payload).toMatchObject({ throughLine: 16, page: 2, line: 6 });
  });

  it('has a human number from the kiosk’s one document series, printed on it; paper out keeps the number for the next try, which says КОПИЯ; the next printout takes the next number', async () => {
    const { db, book } = await kiosk(null);
    await db.putSetting('counters', { seq: 1, receipt: 41 }); // receipts 1–40 were handovers
    const printed: PaperDocument[] = [];
    let paper: 'out' | 'in' = 'out';
    const host = { print: async (docs: PaperDocument[]) => (paper === 'out' ? { ok: false as const, code: 'paper-out' as const } : (printed.push(...docs), { ok: true as const })) };
    const numberOn = (doc: PaperDocument) => doc.blocks.find((b) => b.kind === 'pair' && b.left === 'Выписка №');
    expect(await printPassbook({ changes: new LocalChanges(db), host }, { book, cardNumber: CARD, lang: 'ru', offline: false })).toEqual({ ok: false, code: 'paper-out' });
    expect(await db.outbox.count()).toBe(0);
    paper = 'in';
    // The screen still holds the book as it was read before the first try.
    const retry = await printPassbook({ changes: new LocalChanges(db), host }, { book, cardNumber: CARD, lang: 'ru', offline: false });
    expect(retry).toMatchObject({ ok: true, document: { copy: true } });
    expect(numberOn(printed[0]!)).toMatchObject({ right: 'MSK1-K01-000041' });
    expect((await db.outbox.toArray())[0]!.payload).toMatchObject({ statementNumber: 'MSK1-K01-000041' });
    expect((await db.passbooks.get(book.cardHash))!.statementNumber).toBeUndefined();
    // New lines arrive; the next printout is a new statement with the next number.
    const next = { ...(await db.passbooks.get(book.cardHash))!, entries: [{ line: 17, postedAt: '2026-12-01T09:00:00Z', textRu: 'Взнос', textEn: 'Deposit', amountKopecks: 500 }] };
    await db.passbooks.put(next);
    expect(await printPassbook({ changes: new LocalChanges(db), host }, { book: next, cardNumber: CARD, lang: 'ru', offline: false })).toMatchObject({ ok: true, document: { copy: false } });
    expect(numberOn(printed[1]!)).toMatchObject({ right: 'MSK1-K01-000042' });
    expect(await db.getSetting('counters')).toMatchObject({ receipt: 43 });
  });
});
