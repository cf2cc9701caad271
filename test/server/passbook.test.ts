import { cardSecretHash } from '../../shared/domain/card-code';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { LedgerEntriesResult, PushResponse, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';
import { branchHashKey, keyedHash } from '../support/branch-hash';
import { cardHashMessage } from '../../shared/domain/card-code';

/** The card holders' books fed by the back office, and passbook.printed: the mark, overlaps, exactly once; on PGlite and PostgreSQL. */
let s: TestServer;
let kiosk: TestDevice;
const card = (n: number) => { const first12 = `26${String(n).padStart(10, '0')}`; return first12 + String(ean13CheckDigit(first12)); };
const CARD = card(1);

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  kiosk = await s.enroll('MSK1');
});
afterEach(() => s.close());

const putCustomer = (cardNumber: string, body: object) => s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${cardNumber}`, headers: s.adminAuth, payload: body });
const addEntries = (cardNumber: string, entries: object[]) => s.app.inject({ method: 'POST', url: `/api/v1/admin/customers/${cardNumber}/entries`, headers: s.adminAuth, payload: { entries } });
const entry = (amountKopecks: number, text = 'Пополнение') => ({ id: randomUUID(), postedAt: '2026-11-20T09:00:00Z', textRu: text, textEn: 'Deposit', amountKopecks });
const book = async (cardNumber = CARD) => (await s.db.query<{ line: number; amount: number; balance: number }>(
  'SELECT e.line_no AS line, e.amount_kopecks::int AS amount, e.balance_kopecks::int AS balance FROM ledger_entries e JOIN customers c ON c.id = e.customer_id WHERE c.card_number = $1 ORDER BY e.line_no', [cardNumber])).rows;
const mark = async (cardNumber = CARD) => (await s.db.query<{ through: number; page: number; line: number }>(
  'SELECT printed_through AS through, printed_page AS page, printed_line AS line FROM customers WHERE card_number = $1', [cardNumber])).rows[0];
const printed = (device: TestDevice, payload: object): TransactionEnvelope =>
  ({ id: randomUUID(), seq: device.nextSeq++, kind: 'passbook.printed', occurredAt: new Date().toISOString(), payload: { cardNumber: CARD, ...payload } as Record<string, unknown> });
/** A card as the branch's kiosks name it: its number's hash keyed with the branch's key. */
const hashOf = async (cardNumber: string, branchCode = 'MSK1') => keyedHash(await branchHashKey(s.db, branchCode), cardHashMessage(cardNumber));
const outcome = async (device: TestDevice, txs: TransactionEnvelope[]) => ((await s.push(device, txs)).json() as PushResponse).results.map((r) => r.reason ?? r.status);

describe('the back office’s feed of the books', () => {
  it('makes a card holder, then adds entries in order with running balances; the same entries sent again add nothing', async () => {
    expect((await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.', linesPerPage: 12 })).statusCode).toBe(201);
    expect((await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' })).statusCode).toBe(200);
    const batch = [entry(5_000_000), entry(-199_000, 'Покупка'), entry(120_050)];
    const first = await addEntries(CARD, batch);
    expect(first.json()).toEqual({ added: 3, known: 0, lastLine: 3, balanceKopecks: 4_921_050 } satisfies LedgerEntriesResult);
    // A feed that timed out sends it all again, with one more.
    const again = await addEntries(CARD, [...batch, entry(-1_050)]);
    expect(again.json()).toEqual({ added: 1, known: 3, lastLine: 4, balanceKopecks: 4_920_000 });
    expect(await book()).toEqual([
      { line: 1, amount: 5_000_000, balance: 5_000_000 }, { line: 2, amount: -199_000, balance: 4_801_000 },
      { line: 3, amount: 120_050, balance: 4_921_050 }, { line: 4, amount: -1_050, balance: 4_920_000 },
    ]);
    expect((await s.db.query<{ n: number }>('SELECT lines_per_page AS n FROM customers WHERE card_number = $1', [CARD])).rows[0]!.n).toBe(12);
  });

  it('refuses in words: a card number with a wrong check digit, an unknown branch or card, an entry id sent before with other contents (nothing added)', async () => {
    const wrong = `${CARD.slice(0, 12)}${(Number(CARD[12]) + 1) % 10}`;
    const bad = await putCustomer(wrong, { branchCode: 'MSK1', shortName: 'Иван П.' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('check digit');
    expect((await putCustomer(CARD, { branchCode: 'XXX9', shortName: 'Иван П.' })).json()).toMatchObject({ message: expect.stringContaining('no branch with code "XXX9"') });
    expect((await addEntries(card(2), [entry(100)])).statusCode).toBe(404);
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    const e = entry(100);
    await addEntries(CARD, [e]);
    const conflict = await addEntries(CARD, [entry(200), { ...e, amountKopecks: 999 }]);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain(e.id);
    expect(await book()).toHaveLength(1);
    expect((await addEntries(CARD, [entry(0)])).statusCode).toBe(400);
    expect((await s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${CARD}`, payload: { branchCode: 'MSK1', shortName: 'Иван П.' } })).statusCode).toBe(401);
  });
});

describe('passbook.printed', () => {
  beforeEach(async () => {
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    await addEntries(CARD, Array.from({ length: 10 }, (_, i) => entry(1_000 * (i + 1))));
  });

  it('moves the mark to the last line on paper: 50 concurrent copies apply once, replay ×3 changes nothing', async () => {
    const tx = printed(kiosk, { fromLine: 1, throughLine: 6, page: 1, line: 6 });
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [tx])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(await outcome(kiosk, [tx])).toEqual(['duplicate']);
    expect(await mark()).toEqual({ through: 6, page: 1, line: 6 });
    expect((await s.db.query('SELECT 1 FROM passbook_overlaps')).rows).toHaveLength(0);
  });

  it('names the card by its keyed hash, as a kiosk does: 50 concurrent copies apply once, replay ×3 changes nothing; the log keeps no card number', async () => {
    const tx = printed(kiosk, { cardNumber: undefined, cardHash: await hashOf(CARD), fromLine: 1, throughLine: 4, page: 1, line: 4 });
    delete (tx.payload as { cardNumber?: string }).cardNumber;
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [tx])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(await outcome(kiosk, [tx])).toEqual(['duplicate']);
    expect(await mark()).toEqual({ through: 4, page: 1, line: 4 });
    const { rows } = await s.db.query<{ payload: object }>("SELECT payload FROM transactions WHERE kind = 'passbook.printed'");
    expect(JSON.stringify(rows)).not.toContain(CARD);
    // A printout an older kiosk queued by number before its upgrade, in one batch with one by hash: both apply, in turn.
    expect(await outcome(kiosk, [
      printed(kiosk, { fromLine: 5, throughLine: 6, page: 1, line: 6 }),
      { ...printed(kiosk, { fromLine: 7, throughLine: 8, page: 1, line: 8 }), payload: { cardHash: await hashOf(CARD), fromLine: 7, throughLine: 8, page: 1, line: 8 } },
    ])).toEqual(['applied', 'applied']);
    expect(await mark()).toEqual({ through: 8, page: 1, line: 8 });
    expect((await s.db.query('SELECT 1 FROM passbook_overlaps')).rows).toHaveLength(0);
  });

  it('rejects by hash: another branch’s card (under its key: the kiosk’s own key makes a hash nobody has), an unknown card, both a hash and a number, neither', async () => {
    const theirs = card(3);
    await putCustomer(theirs, { branchCode: 'SPB1', shortName: 'Анна С.' });
    const byHash = async (hash: string, extra: object = {}) => ({ ...printed(kiosk, {}), payload: { cardHash: hash, fromLine: 1, throughLine: 1, page: 1, line: 1, ...extra } });
    expect(await outcome(kiosk, [
      await byHash(await hashOf(theirs, 'SPB1')),
      await byHash(await hashOf(theirs)),
      await byHash(await hashOf(card(4))),
      await byHash(await hashOf(CARD), { cardNumber: CARD }),
      { ...printed(kiosk, {}), payload: { fromLine: 1, throughLine: 1, page: 1, line: 1 } },
    ])).toEqual(['other-branch', 'unknown-card', 'unknown-card', 'invalid-payload', 'invalid-payload']);
    expect(await mark()).toEqual({ through: 0, page: 1, line: 0 });
  });

  it('two kiosks printing the same card offline: the furthest mark stays, the overlap is kept for staff, neither is refused', async () => {
    const other = await s.enroll('MSK1');
    const [a, b] = await Promise.all([
      outcome(kiosk, [printed(kiosk, { fromLine: 1, throughLine: 8, page: 1, line: 8 })]),
      outcome(other, [printed(other, { fromLine: 1, throughLine: 5, page: 1, line: 5 })]),
    ]);
    expect([...a, ...b]).toEqual(['applied', 'applied']);
    expect(await mark()).toEqual({ through: 8, page: 1, line: 8 });
    expect((await s.db.query('SELECT from_line, through_line FROM passbook_overlaps')).rows).toEqual([
      expect.objectContaining({ from_line: 1 }),
    ]);
    // In one batch the second printout sees the first's mark.
    expect(await outcome(kiosk, [printed(kiosk, { fromLine: 9, throughLine: 9, page: 1, line: 9 }), printed(kiosk, { fromLine: 9, throughLine: 10, page: 1, line: 10 })])).toEqual(['applied', 'applied']);
    expect(await mark()).toEqual({ through: 10, page: 1, line: 10 });
    expect((await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM passbook_overlaps')).rows[0]!.n).toBe(2);
    // The day's summary flags them for staff.
    const { rows: [branch] } = await s.db.query<{ id: string }>("SELECT id FROM branches WHERE code = 'MSK1'");
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    expect((await s.services.repos.reports.day(s.db, branch!.id, today)).passbookOverlaps).toBe(2);
  });

  it('a printout’s own number, from the kiosk’s document series: kept once (50 concurrent copies, replay ×3); another device’s number, or one a receipt or statement carries, is refused', async () => {
    const number = formatReceiptNumber(kiosk.deviceCode, kiosk.receiptCounter++);
    const tx = printed(kiosk, { fromLine: 1, throughLine: 3, page: 1, line: 3, statementNumber: number });
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [tx])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(await outcome(kiosk, [tx])).toEqual(['duplicate']);
    expect((await s.db.query('SELECT number, kind, transaction_id AS tx FROM receipts')).rows).toEqual([{ number, kind: 'passbook', tx: tx.id }]);
    const other = await s.enroll('MSK1');
    const handover = s.pickup(kiosk, await s.putOrder('MSK1'));
    expect(await outcome(kiosk, [handover])).toEqual(['applied']);
    const pickedUpNumber = (handover.payload as { receiptNumber: string }).receiptNumber;
    const fresh = formatReceiptNumber(kiosk.deviceCode, kiosk.receiptCounter++);
    expect(await outcome(kiosk, [
      printed(kiosk, { fromLine: 4, throughLine: 4, page: 1, line: 4, statementNumber: formatReceiptNumber(other.deviceCode, 1) }),
      printed(kiosk, { fromLine: 4, throughLine: 4, page: 1, line: 4, statementNumber: number }),
      printed(kiosk, { fromLine: 4, throughLine: 4, page: 1, line: 4, statementNumber: pickedUpNumber }),
      printed(kiosk, { fromLine: 4, throughLine: 5, page: 1, line: 5, statementNumber: fresh }),
      printed(kiosk, { fromLine: 6, throughLine: 6, page: 1, line: 6, statementNumber: fresh }),
    ])).toEqual(['receipt-number-foreign', 'receipt-number-reused', 'receipt-number-reused', 'applied', 'receipt-number-reused']);
    expect(await mark()).toEqual({ through: 5, page: 1, line: 5 });
    expect((await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM receipts WHERE kind = 'passbook'")).rows[0]!.n).toBe(2);
  });

  it('rejects: an unknown card, another branch’s card, lines the book does not have, a printout that ends before it starts', async () => {
    const theirs = card(3);
    await putCustomer(theirs, { branchCode: 'SPB1', shortName: 'Анна С.' });
    const res = await s.push(kiosk, [
      printed(kiosk, { cardNumber: card(4), fromLine: 1, throughLine: 1, page: 1, line: 1 }),
      printed(kiosk, { cardNumber: theirs, fromLine: 1, throughLine: 1, page: 1, line: 1 }),
      printed(kiosk, { fromLine: 1, throughLine: 11, page: 1, line: 11 }),
      printed(kiosk, { fromLine: 5, throughLine: 4, page: 1, line: 4 }),
    ]);
    expect((res.json() as PushResponse).results.map((r) => r.reason)).toEqual(['unknown-card', 'other-branch', 'beyond-ledger', 'invalid-payload']);
    expect(await mark()).toEqual({ through: 0, page: 1, line: 0 });
    const tablet = await s.enroll('MSK1', 'tablet');
    expect(await outcome(tablet, [printed(tablet, { fromLine: 1, throughLine: 1, page: 1, line: 1 })])).toEqual(['role-forbidden']);
  });
});

describe('what a kiosk pulls of the card holders', () => {
  type Holding = { cardHash: string; secretHash: string | null; shortName: string; mark: { through: number; balanceKopecks: number }; entries: { line: number }[] };
  const pullAll = async (device: TestDevice, cursor?: string): Promise<{ holdings: Holding[]; cursor: string; body: string }> => {
    const res = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull${cursor ? `?cursor=${cursor}` : ''}`, headers: device.auth });
    const json = res.json() as { cursor: string; changes: { passbooks: Holding[] } };
    return { holdings: json.changes.passbooks, cursor: json.cursor, body: res.body };
  };
  /** On PostgreSQL a pull leaves out what an open transaction might precede: ask again until it is there. */
  const pullUntil = async (device: TestDevice, cursor: string | undefined, ok: (h: Holding[]) => boolean) => {
    for (let i = 0; ; i++) {
      const got = await pullAll(device, cursor);
      if (ok(got.holdings) || i > 50) return got;
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('holds the card by its keyed hash with the secret’s hash, the short name, the mark and the lines not on paper; sends it again when the book changes; never the number', async () => {
    const { cardSecretHash } = await import('../../shared/domain/card-code');
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.', scanSecret: 'K7M2Q9XW4P3RT6YA' });
    await addEntries(CARD, [entry(5_000_000), entry(-100_000), entry(20_000)]);
    const first = await pullUntil(kiosk, undefined, (h) => h.length === 1);
    expect(first.holdings).toEqual([expect.objectContaining({
      cardHash: await hashOf(CARD), secretHash: cardSecretHash(CARD, 'K7M2Q9XW4P3RT6YA'), shortName: 'Иван П.',
      mark: { through: 0, page: 1, line: 0, balanceKopecks: 0 },
    })]);
    expect(first.holdings[0]!.entries.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(first.body).not.toContain(CARD);
    // Nothing changed: nothing sent. Printed through line 2: sent again with line 3 only, brought forward 49 000.
    expect((await pullAll(kiosk, first.cursor)).holdings).toEqual([]);
    await s.push(kiosk, [printed(kiosk, { fromLine: 1, throughLine: 2, page: 1, line: 2 })]);
    const second = await pullUntil(kiosk, first.cursor, (h) => h.length === 1);
    expect(second.holdings[0]).toMatchObject({ mark: { through: 2, page: 1, line: 2, balanceKopecks: 4_900_000 }, entries: [{ line: 3 }] });
    // A new entry from the back office: sent again.
    await addEntries(CARD, [entry(1_000)]);
    const third = await pullUntil(kiosk, second.cursor, (h) => h.length === 1);
    expect(third.holdings[0]!.entries.map((e) => e.line)).toEqual([3, 4]);
    // Another branch's kiosk and a tablet hold none.
    const spb = await s.enroll('SPB1');
    expect((await pullAll(spb)).holdings).toEqual([]);
    expect((await pullAll(await s.enroll('MSK1', 'tablet'))).holdings).toEqual([]);
  });
});

describe('customer.preferences: remembered only on request, forgotten everywhere', () => {
  const PREFS = { lang: 'ru', large: true, contrast: false, voice: true };
  const prefsTx = (device: TestDevice, preferences: object | null, at = new Date(), cardNumber = CARD): TransactionEnvelope => ({
    id: randomUUID(), seq: device.nextSeq++, kind: 'customer.preferences', occurredAt: at.toISOString(),
    payload: { cardNumber, preferences, consent: preferences ? { at: at.toISOString(), version: '2026-11' } : null },
  });
  const stored = async () => (await s.db.query<{ preferences: object | null; version: string | null }>(
    'SELECT preferences, consent_version AS version FROM customers WHERE card_number = $1', [CARD])).rows[0];
  beforeEach(async () => { await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.', scanSecret: 'K7M2Q9XW4P3RT6YA' }); });

  it('keeps the consent and the settings once (50 concurrent copies, replay ×3); «Забыть меня» said later erases them, and another kiosk’s next pull says so', async () => {
    const yes = prefsTx(kiosk, PREFS);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [yes])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(await outcome(kiosk, [yes])).toEqual(['duplicate']);
    expect(await stored()).toEqual({ preferences: PREFS, version: '2026-11' });
    const other = await s.enroll('MSK1');
    const pulled = async (cursor?: string) => ((await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull${cursor ? `?cursor=${cursor}` : ''}`, headers: other.auth })).json() as { cursor: string; changes: { passbooks: { preferences: object | null }[] } });
    let page = await pulled();
    for (let i = 0; page.changes.passbooks.length === 0 && i < 50; i++) { await new Promise((r) => setTimeout(r, 100)); page = await pulled(); }
    expect(page.changes.passbooks[0]!.preferences).toEqual(PREFS);
    // Forgotten at the other kiosk; a stale «yes» said before it (an offline kiosk syncing late) does not bring them back.
    expect(await outcome(other, [prefsTx(other, null)])).toEqual(['applied']);
    expect(await outcome(kiosk, [prefsTx(kiosk, PREFS, new Date(Date.now() - 60_000))])).toEqual(['applied']);
    expect(await stored()).toEqual({ preferences: null, version: null });
    let next = await pulled(page.cursor);
    for (let i = 0; next.changes.passbooks.length === 0 && i < 50; i++) { await new Promise((r) => setTimeout(r, 100)); next = await pulled(page.cursor); }
    expect(next.changes.passbooks[0]!.preferences).toBeNull();
  });

  it('by the card’s keyed hash, as a kiosk names it: once (50 concurrent copies, replay ×3), and erased by hash too', async () => {
    const hash = await hashOf(CARD);
    const byHash = (preferences: object | null, at = new Date()) => {
      const tx = prefsTx(kiosk, preferences, at);
      const { cardNumber: _number, ...rest } = tx.payload as { cardNumber: string };
      return { ...tx, payload: { ...rest, cardHash: hash } };
    };
    const yes = byHash(PREFS);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [yes])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(await outcome(kiosk, [yes])).toEqual(['duplicate']);
    expect(await stored()).toEqual({ preferences: PREFS, version: '2026-11' });
    expect(await outcome(kiosk, [byHash(null, new Date(Date.now() + 1000))])).toEqual(['applied']);
    expect(await stored()).toEqual({ preferences: null, version: null });
  });

  it('rejects: an unknown card, another branch’s, settings without a consent; a tablet’s erasure needs a staff session', async () => {
    const theirs = card(5);
    await putCustomer(theirs, { branchCode: 'SPB1', shortName: 'Анна С.' });
    const noConsent = { ...prefsTx(kiosk, PREFS), payload: { cardNumber: CARD, preferences: PREFS, consent: null } };
    expect(await outcome(kiosk, [prefsTx(kiosk, PREFS, new Date(), card(6)), prefsTx(kiosk, PREFS, new Date(), theirs), noConsent]))
      .toEqual(['unknown-card', 'other-branch', 'invalid-payload']);
    const tablet = await s.enroll('MSK1', 'tablet');
    expect(await outcome(tablet, [prefsTx(tablet, null)])).toEqual(['staff-session-invalid']);
  });
});

describe('customer.enrolled: a card issued at the tablet, a lost card replaced', () => {
  let tablet: TestDevice;
  let sessionId: string;
  let supervisorId: string;
  beforeEach(async () => {
    tablet = await s.enroll('MSK1', 'tablet');
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
    sessionId = ((await s.signIn(tablet, '1002', '1357'))).sessionId;
    supervisorId = ((await s.signIn(tablet, '1001', '2468'))).sessionId;
  });
  /** A supervisor moves a book to a new card: the old card scanned, or reported lost. */
  const lost = { replaceProof: { by: 'reported-lost' } };
  const enrolled = (cardNumber: string, extra: object = {}): TransactionEnvelope => ({
    id: randomUUID(), seq: tablet.nextSeq++, kind: 'customer.enrolled', occurredAt: new Date().toISOString(),
    payload: { customerId: randomUUID(), cardNumber, secretHash: 'a'.repeat(64), shortName: 'Пётр С.', ledgerConsent: { at: new Date().toISOString(), version: '2026-11' }, staffSessionId: sessionId, ...extra },
  });

  it('issues a card with the consent to keep the ledger: 50 concurrent copies apply once, replay ×3 changes nothing', async () => {
    const tx = enrolled(card(7));
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(await outcome(tablet, [tx])).toEqual(['duplicate']);
    const { rows } = await s.db.query('SELECT short_name, ledger_consent_version FROM customers WHERE card_number = $1', [card(7)]);
    expect(rows).toEqual([{ short_name: 'Пётр С.', ledger_consent_version: '2026-11' }]);
    // The back office can feed the new book at once.
    expect((await addEntries(card(7), [entry(100_000)])).json()).toMatchObject({ added: 1, lastLine: 1 });
  });

  it('a lost card: blocked, and its successor carries the same book and mark on; the kiosks drop the old card at their next pull', async () => {
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    await addEntries(CARD, [entry(5_000_000), entry(-100_000)]);
    await s.push(kiosk, [printed(kiosk, { fromLine: 1, throughLine: 1, page: 1, line: 1 })]);
    const successor = card(8);
    expect(await outcome(tablet, [enrolled(successor, { replacesCard: CARD, shortName: 'Иван П.', ...lost, staffSessionId: supervisorId })])).toEqual(['applied']);
    expect(await mark(successor)).toEqual({ through: 1, page: 1, line: 1 });
    expect((await book(successor)).map((l) => l.line)).toEqual([1, 2]);
    // The old card is blocked: no new holder, no second replacement, and a kiosk's pull names it.
    expect(await outcome(tablet, [enrolled(CARD), enrolled(card(9), { replacesCard: CARD, ...lost, staffSessionId: supervisorId })])).toEqual(['card-in-use', 'unknown-card']);
    const [successorHash, lostHash] = [await hashOf(successor), await hashOf(CARD)];
    let holdings: { cardHash: string; blockedCardHashes: string[] }[] = [];
    for (let i = 0; i < 50 && !holdings.some((h) => h.cardHash === successorHash); i++) {
      holdings = ((await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: kiosk.auth })).json() as { changes: { passbooks: typeof holdings } }).changes.passbooks;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(holdings.find((h) => h.cardHash === successorHash)!.blockedCardHashes).toEqual([lostHash]);
  });

  it('moving a book to a new card is a supervisor’s, with the old card scanned or reported lost: never with the card’s number alone', async () => {
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.', scanSecret: 'K7M2Q9XW4P3RT6YA' });
    const scanned = (secret: string) => ({ replacesCard: CARD, replaceProof: { by: 'card-scanned', secretHash: cardSecretHash(CARD, secret) }, staffSessionId: supervisorId });
    // The account takeover: an associate with the victim's card number only.
    expect(await outcome(tablet, [enrolled(card(20), { replacesCard: CARD, ...lost })])).toEqual(['role-forbidden']);
    // No proof at all, even from a supervisor; the wrong card scanned.
    expect(await outcome(tablet, [enrolled(card(21), { replacesCard: CARD, staffSessionId: supervisorId })])).toEqual(['invalid-payload']);
    expect(await outcome(tablet, [enrolled(card(22), scanned('ZZZZZZZZZZZZZZZZ'))])).toEqual(['card-secret-mismatch']);
    expect((await s.db.query('SELECT 1 FROM blocked_cards WHERE card_number = $1', [CARD])).rows).toHaveLength(0);
    // The customer's own card scanned: the book moves, once (replay ×3).
    const move = enrolled(card(23), scanned('K7M2Q9XW4P3RT6YA'));
    for (let i = 0; i < 3; i++) expect(await outcome(tablet, [move])).toEqual([i === 0 ? 'applied' : 'duplicate']);
    // The audit says who moved which card and how.
    const { rows } = await s.db.query<{ subject: string; employee_no: string }>("SELECT subject, employee_no FROM audit_log WHERE action = 'customer.enrolled'");
    expect(rows).toEqual([{ subject: `•••• ${CARD.slice(-4)} → •••• ${card(23).slice(-4)}`, employee_no: '1001' }]);
  });

  it('«Забыть меня» at the tablet, by a signed-in staff member: the holder’s settings and consent are erased', async () => {
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    const at = new Date().toISOString();
    await s.push(kiosk, [{ id: randomUUID(), seq: kiosk.nextSeq++, kind: 'customer.preferences', occurredAt: at, payload: { cardNumber: CARD, preferences: { lang: 'ru', large: true, contrast: false, voice: false }, consent: { at, version: '2026-11' } } }]);
    const forget: TransactionEnvelope = { id: randomUUID(), seq: tablet.nextSeq++, kind: 'customer.preferences', occurredAt: new Date(Date.now() + 1000).toISOString(), payload: { cardNumber: CARD, preferences: null, consent: null, staffSessionId: sessionId } };
    expect(await outcome(tablet, [forget])).toEqual(['applied']);
    const { rows } = await s.db.query('SELECT preferences, consented_at FROM customers WHERE card_number = $1', [CARD]);
    expect(rows).toEqual([{ preferences: null, consented_at: null }]);
    expect((await s.db.query<{ subject: string }>("SELECT subject FROM audit_log WHERE action = 'customer.preferences'")).rows).toEqual([{ subject: `•••• ${CARD.slice(-4)}` }]);
  });

  it('rejects: a card in use, another branch’s lost card, a kiosk, a payload without its consent', async () => {
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    const theirs = card(10);
    await putCustomer(theirs, { branchCode: 'SPB1', shortName: 'Анна С.' });
    expect(await outcome(tablet, [enrolled(CARD), enrolled(card(11), { replacesCard: theirs, ...lost, staffSessionId: supervisorId })])).toEqual(['card-in-use', 'other-branch']);
    expect(await outcome(kiosk, [{ ...enrolled(card(12)), seq: kiosk.nextSeq++ }])).toEqual(['role-forbidden']);
    const noConsent = enrolled(card(12));
    delete (noConsent.payload as { ledgerConsent?: unknown }).ledgerConsent;
    expect(await outcome(tablet, [noConsent])).toEqual(['invalid-payload']);
  });
});

describe('a card holder’s pickup orders in their book', () => {
  it('a handover adds the order and how it was paid, once (replay ×3); the order as devices get it carries no card', async () => {
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    await addEntries(CARD, [entry(1_000_000)]);
    const code = await s.putOrder('MSK1', { customerCard: CARD, paid: true });
    const tx = s.pickup(kiosk, code);
    for (let i = 0; i < 3; i++) await s.push(kiosk, [tx]);
    const lines = (await s.db.query<{ text: string; amount: number; balance: number }>(
      'SELECT e.text_ru AS text, e.amount_kopecks::int AS amount, e.balance_kopecks::int AS balance FROM ledger_entries e JOIN customers c ON c.id = e.customer_id WHERE c.card_number = $1 ORDER BY e.line_no', [CARD])).rows;
    expect(lines).toEqual([
      { text: 'Пополнение', amount: 1_000_000, balance: 1_000_000 },
      { text: `Заказ ${code.slice(0, 4)} ${code.slice(4)} получен`, amount: -199_000, balance: 801_000 },
      { text: 'Оплачено при заказе', amount: 199_000, balance: 1_000_000 },
    ]);
    const order = await s.app.inject({ method: 'GET', url: `/api/v1/orders/${code}`, headers: kiosk.auth });
    expect(order.statusCode).toBe(200);
    expect(order.body).not.toContain(CARD);
    const pull = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: kiosk.auth });
    expect(pull.body).not.toContain(CARD);
    // An order with no card adds nothing to any book.
    await s.push(kiosk, [s.pickup(kiosk, await s.putOrder('MSK1'))]);
    expect((await s.db.query('SELECT 1 FROM ledger_entries')).rows).toHaveLength(3);
    // Paid at the desk in cash, the book says so.
    const atDesk = await s.putOrder('MSK1', { customerCard: CARD, paid: false });
    const tablet = await s.enroll('MSK1', 'tablet');
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
    const session = (await s.signIn(tablet, '1002', '1357'));
    expect(await outcome(tablet, [{ id: randomUUID(), seq: tablet.nextSeq++, kind: 'order.paid', occurredAt: new Date().toISOString(),
      payload: { orderCode: atDesk, payment: { method: 'cash', amountKopecks: 199_000, tenderedKopecks: 200_000, changeKopecks: 1_000 }, staffSessionId: session.sessionId } }])).toEqual(['applied']);
    expect(await outcome(kiosk, [s.pickup(kiosk, atDesk)])).toEqual(['applied']);
    const last = (await s.db.query<{ text: string }>('SELECT e.text_ru AS text FROM ledger_entries e JOIN customers c ON c.id = e.customer_id WHERE c.card_number = $1 ORDER BY e.line_no DESC LIMIT 1', [CARD])).rows;
    expect(last).toEqual([{ text: 'Оплата наличными' }]);
  });
});
