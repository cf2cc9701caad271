import { randomUUID } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges } from '../../renderer/db/local-changes';
import { branchHash } from '../../renderer/hashing/keyed-hash';
import { printPassbook } from '../../renderer/flows/print-passbook';
import { applyPullPage } from '../../renderer/sync/apply-pull';
import { PASSBOOK_LINES_PER_PULL } from '../../server/services/sync/pull-service';
import type { PaperDocument } from '../../shared/documents';
import { cardHashMessage } from '../../shared/domain/card-code';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { formatMoney } from '../../shared/domain/money';
import type { PullResponse, PushResponse, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * A book far behind its paper: the kiosk holds every line after the mark, so its printout
 * carries forward the book's own balance (the real device code on an IndexedDB in memory,
 * after real pulls); on PGlite and PostgreSQL.
 */
let s: TestServer;
let kiosk: TestDevice;
const card = (n: number) => { const first12 = `26${String(n).padStart(10, '0')}`; return first12 + String(ean13CheckDigit(first12)); };

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  kiosk = await s.enroll('MSK1');
});
afterEach(() => s.close());

/** A card holder whose back office fed `lines` lines (500 a request, as the feed allows), amounts that do not repeat. */
async function holderWith(cardNumber: string, lines: number): Promise<void> {
  const put = await s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${cardNumber}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', shortName: 'Иван П.', linesPerPage: 24 } });
  expect(put.statusCode, put.body).toBe(201);
  for (let from = 0; from < lines; from += 500) {
    const entries = Array.from({ length: Math.min(500, lines - from) }, (_, i) => {
      const n = from + i + 1;
      return { id: randomUUID(), postedAt: new Date(Date.UTC(2024, 0, 1) + n * 3_600_000).toISOString(), textRu: 'Операция', textEn: 'Entry', amountKopecks: n % 3 === 0 ? -n * 7 : n * 11 };
    });
    const res = await s.app.inject({ method: 'POST', url: `/api/v1/admin/customers/${cardNumber}/entries`, headers: s.adminAuth, payload: { entries } });
    expect(res.statusCode, res.body).toBe(200);
  }
}

const bookBalance = async (cardNumber: string) => Number((await s.db.query<{ balance: string }>(
  'SELECT e.balance_kopecks AS balance FROM ledger_entries e JOIN customers c ON c.id = e.customer_id WHERE c.card_number = $1 ORDER BY e.line_no DESC LIMIT 1', [cardNumber])).rows[0]!.balance);

/**
 * The kiosk's pulls as its sync engine makes them, page after page (applyPullPage), until it
 * holds `cards` with all their lines. On PostgreSQL a pull leaves out what a transaction
 * still open elsewhere might precede: then it asks again.
 */
async function kioskAfterPull(cards: Record<string, number>): Promise<{ db: KioskDb; pages: PullResponse[] }> {
  const db = new KioskDb(`k-${randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.putSetting('identity', { deviceId: kiosk.deviceId, deviceCode: kiosk.deviceCode, branchCode: 'MSK1', token: kiosk.token });
  const pages: PullResponse[] = [];
  const holds = async () => (await Promise.all(Object.entries(cards).map(async ([c, n]) => (await heldBook(db, c))?.entries.length === n))).every(Boolean);
  for (let round = 0; round < 100 && !(await holds()); round++) {
    const cursor = await db.getSetting('pullCursor');
    const page = (await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull${cursor ? `?cursor=${cursor}` : ''}`, headers: kiosk.auth })).json() as PullResponse;
    await applyPullPage(db, page, Date.now());
    pages.push(page);
    if (!page.hasMore) await new Promise((r) => setTimeout(r, 50));
  }
  return { db, pages };
}

/** The book the kiosk holds for a card, found as the kiosk finds it: by the card's hash keyed with the key its pull brought. */
async function heldBook(db: KioskDb, cardNumber: string) {
  const hash = await branchHash(db, cardHashMessage(cardNumber));
  return hash ? db.passbooks.get(hash) : undefined;
}

const carriedForward = (doc: PaperDocument) => doc.blocks.filter((b) => b.kind === 'pair' && b.left === 'Остаток на конец').map((b) => b.kind === 'pair' && b.right);
const outcome = async (txs: TransactionEnvelope[]) => ((await s.push(kiosk, txs)).json() as PushResponse).results.map((r) => r.reason ?? r.status);

describe('a passbook of 1,200 lines not on paper', () => {
  it('the kiosk holds every line and prints the book’s balance carried forward; the mark moves to the book’s last line', async () => {
    const CARD = card(1);
    await holderWith(CARD, 1_200);
    const { db } = await kioskAfterPull({ [CARD]: 1_200 });
    const book = (await heldBook(db, CARD))!;
    expect(book.entries.map((e) => e.line)).toEqual(Array.from({ length: 1_200 }, (_, i) => i + 1));
    const printed: PaperDocument[] = [];
    const result = await printPassbook({ changes: new LocalChanges(db), host: { print: async (docs) => { printed.push(...docs); return { ok: true }; } } }, { book, cardNumber: CARD, lang: 'ru', offline: false });
    expect(result).toMatchObject({ ok: true, lines: 1_200 });
    const balance = await bookBalance(CARD);
    expect(carriedForward(printed[0]!)).toEqual([formatMoney(balance, 'ru')]);
    // The older 1,170 as one summary line, then the latest 30 in full.
    expect(printed[0]!.blocks).toContainEqual(expect.objectContaining({ kind: 'columns', cells: expect.arrayContaining([{ text: expect.stringMatching(/\(1170\)$/) }]) }));
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.payload)).toEqual([expect.objectContaining({ fromLine: 1, throughLine: 1_200 })]);
    expect(await outcome(rows.map((r) => ({ id: r.id, seq: r.seq, kind: r.kind, occurredAt: r.occurredAt, payload: r.payload as Record<string, unknown> })))).toEqual(['applied']);
    expect((await s.db.query('SELECT printed_through AS through FROM customers WHERE card_number = $1', [CARD])).rows).toEqual([{ through: 1_200 }]);
  });

  it('books longer than a pull page holds come whole, one page after another', async () => {
    const [a, b] = [card(2), card(3)];
    const each = PASSBOOK_LINES_PER_PULL / 2 + 500;
    await holderWith(a, each);
    await holderWith(b, each);
    const { db, pages } = await kioskAfterPull({ [a]: each, [b]: each });
    const sent = pages.flatMap((p) => p.changes.passbooks);
    expect(sent.every((h) => h.entries.length === each)).toBe(true);
    expect(pages.filter((p) => p.changes.passbooks.length > 0).every((p) => p.changes.passbooks.length === 1)).toBe(true);
    for (const c of [a, b]) {
      const held = (await heldBook(db, c))!;
      expect(held.mark.balanceKopecks + held.entries.reduce((sum, e) => sum + e.amountKopecks, 0)).toBe(await bookBalance(c));
    }
  });
});
