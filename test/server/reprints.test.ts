import { randomUUID } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderEscPos } from '../../electron/printer/render-escpos';
import { PRINTER_PROFILES } from '../../electron/printer/profiles';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges } from '../../renderer/db/local-changes';
import { recordPickup } from '../../renderer/db/pickup-repo';
import { printPassbook } from '../../renderer/flows/print-passbook';
import { addProduct, addSerial, EMPTY_CART } from '../../renderer/staff/checkout/cart';
import { recordRefund } from '../../renderer/staff/checkout/refund';
import { sell } from '../../renderer/staff/checkout/sell';
import type { PaperDocument } from '../../shared/documents';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import type { AuditEntry, DayReport, DocumentCopy, DocumentList, PullResponse, PushResponse, ReturnLookup, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { decodeEscPos } from '../fakes/escpos-decoder';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * Copies (КОПИЯ) rebuilt by the server, compared line by line with the paper the device
 * printed (the real device code on an IndexedDB in memory); document.reprinted exactly once.
 */
let s: TestServer;
let kiosk: TestDevice;
let tablet: TestDevice;
let associate: StaffSession;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  for (const [i, p] of [{ sku: 'SKU-1', ru: 'Чайник электрический', en: 'Electric kettle', months: 12, serial: false, model: 'KE-200' }, { sku: 'TV-1', ru: 'Телевизор Samsung UE43', en: 'Samsung UE43 TV', months: 24, serial: true, model: null }].entries()) {
    const res = await s.app.inject({
      method: 'PUT', url: `/api/v1/admin/products/${p.sku}`, headers: s.adminAuth,
      payload: { ean13: `46000000000${i}${ean13CheckDigit(`46000000000${i}`)}`, nameRu: p.ru, nameEn: p.en, priceKopecks: 199_000 * (i + 1), warrantyMonths: p.months, serialRequired: p.serial, ...(p.model ? { model: p.model } : {}) },
    });
    if (res.statusCode >= 300) throw new Error(res.body);
  }
  kiosk = await s.enroll('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  associate = (await s.signIn(tablet, '1002', '1357'));
});
afterEach(() => s.close());

/**
 * A device's IndexedDB filled by a real pull, as the kiosk or tablet has it. On PostgreSQL a
 * pull leaves out what a transaction still open elsewhere might precede (the next round
 * brings it), so it is asked again until the order and products are there.
 */
async function deviceDb(device: TestDevice, orderCode?: string, passbookLines?: number): Promise<KioskDb> {
  const db = new KioskDb(`d-${randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  let pull: PullResponse;
  for (let attempt = 0; ; attempt++) {
    pull = (await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: device.auth })).json() as PullResponse;
    const ready = pull.changes.products.length >= 2 && (!orderCode || pull.changes.orders.some((o) => o.code === orderCode))
      && (passbookLines === undefined || pull.changes.passbooks.some((h) => h.entries.length === passbookLines));
    if (ready || attempt > 50) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await db.putSetting('identity', { deviceId: device.deviceId, deviceCode: device.deviceCode, branchCode: 'MSK1', token: device.token });
  await db.putSetting('branch', pull.branch);
  await db.orders.bulkPut(pull.changes.orders);
  await db.products.bulkPut(pull.changes.products);
  await db.passbooks.bulkPut(pull.changes.passbooks);
  return db;
}
/** The outbox as the sync engine would push it. */
async function pushOutbox(db: KioskDb, device: TestDevice): Promise<string[]> {
  const rows = await db.outbox.orderBy('seq').toArray();
  const txs: TransactionEnvelope[] = rows.map((r) => ({ id: r.id, seq: r.seq, kind: r.kind, occurredAt: r.occurredAt, payload: r.payload as Record<string, unknown> }));
  const res = await s.push(device, txs);
  return (res.json() as PushResponse).results.map((r) => r.reason ?? r.status);
}
const staff = (device: TestDevice, session: StaffSession) => ({ ...device.auth, 'x-staff-session': session.sessionToken });
const copyOf = async (number: string) => {
  const res = await s.app.inject({ method: 'GET', url: `/api/v1/documents/${number}/copy`, headers: staff(tablet, associate) });
  if (res.statusCode !== 200) throw new Error(res.body);
  return (res.json() as DocumentCopy).documents as PaperDocument[];
};
/** The decoded paper of each document at 42 and 32 columns: its text lines and its QR codes' content. */
const paper = (doc: PaperDocument) => ['epson-tm-t88vi', 'pos-58'].map((profile) =>
  decodeEscPos(renderEscPos(doc, PRINTER_PROFILES[profile]!), profile === 'pos-58' ? undefined : { 17: 'ibm866' })
    .flatMap((l) => (l.kind === 'text' ? [l.text.trimEnd()] : l.kind === 'qr' ? [`[QR ${l.data}]`] : [])));

/** The copy is the original with one more line on top, КОПИЯ; every other line the same, in order. */
function expectSamePaper(original: PaperDocument[], copy: PaperDocument[], mark: string) {
  expect(copy.map((d) => d.type)).toEqual(original.map((d) => d.type));
  expect(copy.every((d) => d.copy)).toBe(true);
  original.forEach((doc, i) => {
    const [o42, o32] = paper(doc);
    const [c42, c32] = paper(copy[i]!);
    expect(c42!.filter((l) => l.trim() !== mark)).toEqual(o42);
    expect(c32!.filter((l) => l.trim() !== mark)).toEqual(o32);
    expect(c42!.some((l) => l.trim() === mark)).toBe(true);
  });
}

describe('a copy (КОПИЯ) rebuilt by the server', () => {
  it.each(['ru', 'en'] as const)('of a kiosk’s handover (%s) is the paper the kiosk printed, line by line, warranty slips included', async (lang) => {
    const code = await s.putOrder('MSK1', { items: [{ sku: 'SKU-1', name: 'Чайник электрический 1,7 л', quantity: 2, priceKopecks: 199_000 }], paid: true });
    const db = await deviceDb(kiosk, code);
    s.bring(kiosk.deviceId, code); // staff brought the goods to the kiosk
    const outcome = await recordPickup(new LocalChanges(db), { code, verifiedBy: 'qr', lang, now: new Date() });
    if (!outcome.ok) throw new Error(outcome.code);
    expect(await pushOutbox(db, kiosk)).toEqual(['applied']);
    const original = [outcome.receipt.document, ...outcome.receipt.warranties];
    expect(original.map((d) => d.type)).toEqual(['receipt', 'warranty', 'warranty']);
    expectSamePaper(original, await copyOf(outcome.receipt.number), lang === 'ru' ? 'КОПИЯ' : 'COPY');
  });

  it('of a handover of an order paid at the desk in cash says «наличными», as the kiosk’s did', async () => {
    const code = await s.putOrder('MSK1', { items: [{ sku: 'SKU-1', name: 'Чайник электрический 1,7 л', quantity: 1, priceKopecks: 199_000 }], paid: false });
    const paid: TransactionEnvelope = {
      id: randomUUID(), seq: tablet.nextSeq++, kind: 'order.paid', occurredAt: new Date().toISOString(),
      payload: { orderCode: code, payment: { method: 'cash', amountKopecks: 199_000, tenderedKopecks: 200_000, changeKopecks: 1_000 }, staffSessionId: associate.sessionId },
    };
    expect((await s.push(tablet, [paid])).json()).toMatchObject({ results: [{ status: 'applied' }] });
    const db = await deviceDb(kiosk, code);
    s.bring(kiosk.deviceId, code); // staff brought the goods to the kiosk
    expect((await db.orders.get(code))!.paidBy).toBe('cash');
    const outcome = await recordPickup(new LocalChanges(db), { code, verifiedBy: 'qr', lang: 'ru', now: new Date() });
    if (!outcome.ok) throw new Error(outcome.code);
    expect(await pushOutbox(db, kiosk)).toEqual(['applied']);
    const original = [outcome.receipt.document, ...outcome.receipt.warranties];
    expect(paper(original[0]!)[0]!.join('\n')).toMatch(/Оплата +наличными/);
    expectSamePaper(original, await copyOf(outcome.receipt.number), 'КОПИЯ');
  });

  it('of a tablet’s sale paid in cash, with a serial number and the seller, is the paper the tablet printed', async () => {
    const db = await deviceDb(tablet);
    const [kettle, tv] = await Promise.all([db.products.get('SKU-1'), db.products.get('TV-1')]);
    let cart = addProduct(addProduct(EMPTY_CART, kettle!, kettle!.nameRu), tv!, tv!.nameRu);
    const withSerial = addSerial(cart, 'TV-1', 'SN-2026-0001');
    if (!withSerial.ok) throw new Error('serial');
    cart = withSerial.cart;
    const total = 199_000 + 398_000;
    const printed: PaperDocument[] = [];
    const outcome = await sell({ changes: new LocalChanges(db), host: { print: async (docs) => { printed.push(...docs); return { ok: true }; } } }, {
      cart, payment: { method: 'cash', amountKopecks: total, tenderedKopecks: 600_000, changeKopecks: 600_000 - total }, confirmedOn: 'tablet',
      staffSessionId: associate.sessionId, staffName: 'Дмитрий О.', lang: 'ru',
    });
    if (!outcome.ok) throw new Error('sale');
    expect(await pushOutbox(db, tablet)).toEqual(['applied']);
    expectSamePaper(printed, await copyOf(outcome.receipt.number), 'КОПИЯ');
  });
});

describe('a copy of a passbook continuation', () => {
  it.each([['ru', false], ['en', true]] as const)('(%s, offline %s) is the statement the kiosk printed: its lines, its place in the book, across a page turn; found by the card’s number', async (lang, offline) => {
    const card = `299100000001${ean13CheckDigit('299100000001')}`;
    const put = await s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${card}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', shortName: 'Иван П.', linesPerPage: 6, scanSecret: 'K7M2Q9XW4P3RT6YA' } });
    expect(put.statusCode, put.body).toBe(201);
    const entries = Array.from({ length: 9 }, (_, i) => ({ id: randomUUID(), postedAt: `2026-11-${String(i + 1).padStart(2, '0')}T09:00:00Z`, textRu: 'Пенсия, зачисление', textEn: 'Pension credited', amountKopecks: 100_000 * (i + 1) }));
    await s.app.inject({ method: 'POST', url: `/api/v1/admin/customers/${card}/entries`, headers: s.adminAuth, payload: { entries: entries.slice(0, 4) } });
    // A first printout moves the mark to line 4; then five more lines arrive.
    const first = await deviceDb(kiosk, undefined, 4);
    let book = (await first.passbooks.toArray())[0]!;
    const host = (into: PaperDocument[]) => ({ print: async (docs: PaperDocument[]) => { into.push(...docs); return { ok: true as const }; } });
    expect((await printPassbook({ changes: new LocalChanges(first), host: host([]) }, { book, cardNumber: card, lang, offline: false })).ok).toBe(true);
    expect(await pushOutbox(first, kiosk)).toEqual(['applied']);
    await s.app.inject({ method: 'POST', url: `/api/v1/admin/customers/${card}/entries`, headers: s.adminAuth, payload: { entries: entries.slice(4) } });
    // The same kiosk's next pull (its own counters go on).
    const db = first;
    const again = await deviceDb(kiosk, undefined, 5);
    await db.passbooks.bulkPut(await again.passbooks.toArray());
    book = (await db.passbooks.toArray())[0]!;
    expect(book.mark).toMatchObject({ through: 4, page: 1, line: 4 });
    const printed: PaperDocument[] = [];
    expect((await printPassbook({ changes: new LocalChanges(db), host: host(printed) }, { book, cardNumber: card, lang, offline })).ok).toBe(true);
    expect(await pushOutbox(db, kiosk)).toEqual(['duplicate', 'applied']); // the outbox as the engine would send it, the first printout again
    const [found] = ((await s.app.inject({ method: 'GET', url: `/api/v1/documents?key=${card}`, headers: staff(tablet, associate) })).json() as DocumentList).documents;
    expect(found).toMatchObject({ kind: 'passbook', card: `•••• ${card.slice(-4)}`, orderCode: null });
    // Its human number, printed on it, from the kiosk's one series (its first printout took the one before).
    expect(found!.number).toBe(formatReceiptNumber(kiosk.deviceCode, 2));
    expect(paper(printed[0]!)[0]!.join('\n')).toMatch(new RegExp(`${lang === 'ru' ? 'Выписка №' : 'Statement no\\.'} +${found!.number}`));
    const byNumber = ((await s.app.inject({ method: 'GET', url: `/api/v1/documents?key=${found!.number.toLowerCase()}`, headers: staff(tablet, associate) })).json() as DocumentList).documents;
    expect(byNumber.map((d) => d.number)).toEqual([found!.number]);
    // A statement holds a name and a balance: never copied by an associate, nor on the card's number alone.
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/documents/${found!.number}/copy`, headers: staff(tablet, associate) })).json()).toMatchObject({ error: 'role-forbidden' });
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
    const supervisor = await s.signIn(tablet, '1001', '2468');
    const copyWith = (cardCode?: string) => s.app.inject({ method: cardCode ? 'POST' : 'GET', url: `/api/v1/documents/${found!.number}/copy`, headers: staff(tablet, supervisor), ...(cardCode ? { payload: { cardCode } } : {}) });
    expect((await copyWith()).json()).toMatchObject({ error: 'card-required' });
    expect((await copyWith(card)).json()).toMatchObject({ error: 'card-required' });
    expect((await copyWith(`${card}-ZZZZZZZZZZZZZZZZ`)).json()).toMatchObject({ error: 'card-mismatch' });
    const print = await s.app.inject({ method: 'POST', url: `/api/v1/documents/${found!.number}/print`, headers: staff(tablet, associate), payload: { printId: randomUUID(), kiosk: kiosk.deviceCode, cardCode: `${card}-K7M2Q9XW4P3RT6YA` } });
    expect(print.json()).toMatchObject({ error: 'role-forbidden' });
    const res = await copyWith(`${card}-K7M2Q9XW4P3RT6YA`);
    expect(res.statusCode, res.body).toBe(200);
    const copy = (res.json() as DocumentCopy).documents as PaperDocument[];
    expect(paper(printed[0]!)[0]!.join('\n')).toContain(lang === 'ru' ? 'Перенос на стр. 2' : 'Carried to page 2');
    expectSamePaper(printed, copy, lang === 'ru' ? 'КОПИЯ' : 'COPY');
  });
});

describe('a copy of a refund slip', () => {
  it('in English, as the tablet printed it: the catalogue’s English names, the sale’s prices and method', async () => {
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
    const supervisor = (await s.signIn(tablet, '1001', '2468'));
    const db = await deviceDb(tablet);
    const kettle = (await db.products.get('SKU-1'))!;
    const cart = addProduct(addProduct(EMPTY_CART, kettle, kettle.nameEn), kettle, kettle.nameEn);
    const host = { print: async () => ({ ok: true as const }) };
    const sold = await sell({ changes: new LocalChanges(db), host }, {
      cart, payment: { method: 'card', amountKopecks: 398_000, terminalRef: '123456789012' }, confirmedOn: 'tablet', staffSessionId: supervisor.sessionId, staffName: 'Ольга И.', lang: 'en',
    });
    if (!sold.ok) throw new Error('sale');
    const sale = (await db.sales.get(sold.saleId))!;
    const printed: PaperDocument[] = [];
    const refunded = await recordRefund({ changes: new LocalChanges(db), host: { print: async (docs) => { printed.push(...docs); return { ok: true }; } } }, {
      sale, lines: [{ sku: 'SKU-1', qty: 1 }], staffSessionId: supervisor.sessionId, staffName: 'Ольга И.', lang: 'en',
    });
    if (!refunded.ok) throw new Error('refund');
    expect(await pushOutbox(db, tablet)).toEqual(['applied', 'applied']);
    expect(paper(printed[0]!)[0]!.join('\n')).toContain('1. Electric kettle');
    expectSamePaper(printed, await copyOf(refunded.receipt.number), 'COPY');
  });
});

describe('a copy of an order’s return slip', () => {
  it('as the tablet printed it: the kiosk’s receipt and the order’s code, the TV by its serial, the shop’s online way back; found under the order’s code', async () => {
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
    const supervisor = (await s.signIn(tablet, '1001', '2468'));
    const code = await s.putOrder('MSK1', { items: [{ sku: 'TV-1', name: 'Телевизор Samsung UE43 (заказ)', quantity: 1, priceKopecks: 398_000 }, { sku: 'SKU-1', name: 'Чайник', quantity: 2, priceKopecks: 199_000 }] });
    expect((await s.push(kiosk, [s.pickup(kiosk, code)])).json()).toMatchObject({ results: [{ status: 'applied' }] });
    const number = `${kiosk.deviceCode}-000001`;
    const found = (await s.app.inject({ method: 'GET', url: `/api/v1/returns/${number}`, headers: staff(tablet, supervisor) })).json() as ReturnLookup;
    if (found.found !== 'order') throw new Error(JSON.stringify(found));
    const db = await deviceDb(tablet);
    const printed: PaperDocument[] = [];
    const returned = await recordRefund({ changes: new LocalChanges(db), host: { print: async (docs) => { printed.push(...docs); return { ok: true }; } } }, {
      order: found.order, lines: [{ sku: 'TV-1', qty: 1, serials: ['SN-42'] }, { sku: 'SKU-1', qty: 1 }], staffSessionId: supervisor.sessionId, staffName: 'Ольга И.', lang: 'ru',
    });
    if (!returned.ok) throw new Error('return');
    expect(await pushOutbox(db, tablet)).toEqual(['applied']);
    const [text] = paper(printed[0]!);
    expect(text!.join('\n')).toMatch(new RegExp(`К чеку № +${number}`));
    expect(text!.join('\n')).toMatch(new RegExp(`Заказ +${code.slice(0, 4)} ${code.slice(4)}`));
    expect(text!.join('\n')).toContain('Возврат: магазин вернёт деньги онлайн');
    expectSamePaper(printed, await copyOf(returned.receipt.number), 'КОПИЯ');
    // The tablet's record says what came back: the next return there, offline too, offers the rest.
    expect((await db.handovers.get(code))!.lines.map((l) => [l.sku, l.refundedQty, l.refundedSerials])).toEqual([['TV-1', 1, ['SN-42']], ['SKU-1', 1, []]]);
    const list = ((await s.app.inject({ method: 'GET', url: `/api/v1/documents?key=${code}`, headers: staff(tablet, associate) })).json() as DocumentList).documents;
    expect(list.map((d) => [d.number, d.kind]).sort()).toEqual([[number, 'pickup'], [returned.receipt.number, 'refund']].sort());
  });
});

describe('the branch’s documents and document.reprinted', () => {
  it('finds documents by receipt number or order code, or the day’s; another branch finds none and may not copy one (403); an unknown number is 404', async () => {
    const code = await s.putOrder('MSK1');
    expect((await s.push(kiosk, [s.pickup(kiosk, code)])).statusCode).toBe(200);
    const number = `${kiosk.deviceCode}-000001`;
    const list = async (query: string, device = tablet, session = associate) =>
      ((await s.app.inject({ method: 'GET', url: `/api/v1/documents${query}`, headers: staff(device, session) })).json() as DocumentList).documents.map((d) => [d.number, d.kind, d.orderCode]);
    expect(await list(`?key=${code}`)).toEqual([[number, 'pickup', code]]);
    expect(await list(`?key=${number.toLowerCase()}`)).toEqual([[number, 'pickup', code]]);
    expect(await list('')).toEqual([[number, 'pickup', code]]);
    expect(await list('?date=2026-01-05')).toEqual([]);
    const theirs = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Викторовна Смирнова', role: 'associate', pin: '8642' });
    const their = (await s.signIn(theirs, '2001', '8642'));
    expect(await list(`?key=${code}`, theirs, their)).toEqual([]);
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/documents/${number}/copy`, headers: staff(theirs, their) })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'POST', url: `/api/v1/documents/${number}/print`, headers: staff(theirs, their), payload: { printId: randomUUID(), kiosk: kiosk.deviceCode } })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/documents/MSK1-K99-000001/copy', headers: staff(tablet, associate) })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/documents/${number}/copy`, headers: kiosk.auth })).statusCode).toBe(403);
  });

  it('records a copy once (50 concurrent copies, replay ×3), counts it for the day and in the list, audits it; an unknown number is refused', async () => {
    const code = await s.putOrder('MSK1');
    await s.push(kiosk, [s.pickup(kiosk, code)]);
    const number = `${kiosk.deviceCode}-000001`;
    const reprint = (receiptNumber: string): TransactionEnvelope => ({
      id: randomUUID(), seq: tablet.nextSeq++, kind: 'document.reprinted', occurredAt: new Date().toISOString(),
      payload: { receiptNumber, printedOn: tablet.deviceCode, staffSessionId: associate.sessionId },
    });
    const tx = reprint(number);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect((await s.push(tablet, [tx])).json()).toMatchObject({ results: [{ status: 'duplicate' }] });
    expect((await s.push(tablet, [reprint('MSK1-K99-000001')])).json()).toMatchObject({ results: [{ status: 'rejected', reason: 'unknown-document' }] });
    const [doc] = ((await s.app.inject({ method: 'GET', url: `/api/v1/documents?key=${number}`, headers: staff(tablet, associate) })).json() as DocumentList).documents;
    expect(doc!.reprints).toBe(1);
    const { rows } = await s.db.query<{ subject: string }>("SELECT subject FROM audit_log WHERE action = 'document.reprinted'");
    expect(rows).toEqual([{ subject: number }]);
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
    const supervisor = (await s.signIn(tablet, '1001', '2468'));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    const day = (await s.app.inject({ method: 'GET', url: `/api/v1/reports/day?date=${today}`, headers: staff(tablet, supervisor) })).json() as DayReport;
    expect(day.reprints).toEqual({ count: 1 });
    // The day's log names the paper copied, so the tablet can say «КОПИЮ чека …».
    const audit = (await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: staff(tablet, supervisor) })).json() as { entries: AuditEntry[] };
    expect(audit.entries.filter((e) => e.action === 'document.reprinted')).toEqual([expect.objectContaining({ subject: number, documentKind: 'pickup' })]);
  });
});
