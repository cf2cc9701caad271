import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { SaleCompletedPayload, SaleRefundedPayload, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';
import { pushResults as results } from './support/push-results';

/** sale.completed and sale.refunded: exactly once, every rejection, the flags; on PGlite and PostgreSQL. */
let s: TestServer;
let tablet: TestDevice;
let associate: StaffSession;
let supervisor: StaffSession;
const TV = { sku: 'TV-1', price: 4_999_000, serial: true };
const KETTLE = { sku: 'KETTLE-1', price: 199_000, serial: false };

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  for (const [i, p] of [TV, KETTLE].entries()) {
    const res = await s.app.inject({
      method: 'PUT', url: `/api/v1/admin/products/${p.sku}`, headers: s.adminAuth,
      payload: { ean13: `46000000000${i}${ean13CheckDigit(`46000000000${i}`)}`, nameRu: p.sku, nameEn: p.sku, priceKopecks: p.price, warrantyMonths: p.serial ? 12 : 0, serialRequired: p.serial },
    });
    if (res.statusCode >= 300) throw new Error(res.body);
  }
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  associate = await signIn(tablet, '1002', '1357');
  supervisor = await signIn(tablet, '1001', '2468');
});
afterEach(() => s.close());

async function signIn(device: TestDevice, employeeNo: string, pin: string): Promise<StaffSession> {
  return s.signIn(device, employeeNo, pin);
}

const envelope = (device: TestDevice, kind: string, payload: object): TransactionEnvelope =>
  ({ id: randomUUID(), seq: device.nextSeq++, kind, occurredAt: new Date().toISOString(), payload: payload as Record<string, unknown> });

/** A sale as the tablet queues it: a TV with its serial and two kettles, paid in cash. */
function sale(device: TestDevice, overrides: Partial<SaleCompletedPayload> = {}): TransactionEnvelope {
  const lines = overrides.lines ?? [{ sku: TV.sku, qty: 1, priceKopecks: TV.price, serials: [`SN-${randomUUID().slice(0, 8)}`] }, { sku: KETTLE.sku, qty: 2, priceKopecks: KETTLE.price }];
  const total = lines.reduce((sum, l) => sum + l.qty * l.priceKopecks, 0);
  const tendered = Math.ceil(total / 100_000) * 100_000;
  return envelope(device, 'sale.completed', {
    saleId: randomUUID(), receiptNumber: formatReceiptNumber(device.deviceCode, device.receiptCounter++), lines,
    payment: { method: 'cash', amountKopecks: total, tenderedKopecks: tendered, changeKopecks: tendered - total },
    confirmedOn: 'kiosk', staffSessionId: associate.sessionId, ...overrides,
  });
}
function refund(device: TestDevice, saleId: string, lines: SaleRefundedPayload['lines'], overrides: Partial<SaleRefundedPayload> = {}): TransactionEnvelope {
  return envelope(device, 'sale.refunded', {
    refundId: randomUUID(), saleId, receiptNumber: formatReceiptNumber(device.deviceCode, device.receiptCounter++), lines, staffSessionId: supervisor.sessionId, ...overrides,
  });
}
const outcome = (res: { json(): unknown }) => results(res).map((r) => r.reason ?? r.status);
const saleOf = (tx: TransactionEnvelope) => tx.payload as unknown as SaleCompletedPayload;
const count = async (table: string) => (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const flags = async (saleId: string) => (await s.db.query<{ flags: string[] }>('SELECT flags FROM sales WHERE id = $1', [saleId])).rows[0]?.flags;

describe('sale.completed', () => {
  it('applies the sale, its lines, payment, serial numbers and receipt together', async () => {
    const tx = sale(tablet);
    expect(outcome(await s.push(tablet, [tx]))).toEqual(['applied']);
    const p = saleOf(tx);
    const { rows: [row] } = await s.db.query<{ total: number; on: string; flags: string[] }>('SELECT total_kopecks::int AS total, confirmed_on AS on, flags FROM sales WHERE id = $1', [p.saleId]);
    expect(row).toEqual({ total: TV.price + 2 * KETTLE.price, on: 'kiosk', flags: [] });
    expect((await s.db.query('SELECT sku, qty FROM sale_lines WHERE sale_id = $1 ORDER BY sku', [p.saleId])).rows).toEqual([{ sku: KETTLE.sku, qty: 2 }, { sku: TV.sku, qty: 1 }]);
    expect((await s.db.query<{ change: number }>('SELECT method, change_kopecks::int AS change FROM sale_payments WHERE sale_id = $1', [p.saleId])).rows).toEqual([{ method: 'cash', change: p.payment.changeKopecks }]);
    expect((await s.db.query('SELECT serial FROM sold_serials WHERE sale_id = $1', [p.saleId])).rows).toEqual([{ serial: p.lines[0]!.serials![0] }]);
    expect((await s.db.query('SELECT kind FROM receipts WHERE number = $1', [p.receiptNumber])).rows).toEqual([{ kind: 'sale' }]);
  });

  it('50 concurrent copies apply once; a batch replayed three times leaves the state of one', async () => {
    const tx = sale(tablet);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    expect(all.map((r) => results(r)[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    const batch = [sale(tablet), sale(tablet, { lines: [{ sku: KETTLE.sku, qty: 1, priceKopecks: KETTLE.price }], payment: { method: 'card', amountKopecks: KETTLE.price, terminalRef: '123456789012', cardLast4: '4242' } })];
    for (let i = 0; i < 3; i++) expect(outcome(await s.push(tablet, batch))).toEqual(i === 0 ? ['applied', 'applied'] : ['duplicate', 'duplicate']);
    expect(await count('sales')).toBe(3);
    expect(await count('sale_lines')).toBe(5);
    expect(await count('sold_serials')).toBe(2);
    expect((await s.db.query("SELECT count(*)::int AS n FROM receipts WHERE kind = 'sale'")).rows[0]).toEqual({ n: 3 });
  });

  it('rejects, each alone: an unknown product, a receipt number not this tablet’s or used, a sale id used by another transaction, a kiosk, a stale session', async () => {
    const kiosk = await s.enroll('MSK1');
    const used = sale(tablet);
    expect(outcome(await s.push(tablet, [used]))).toEqual(['applied']);
    const unknown = sale(tablet, { lines: [{ sku: 'NOPE-1', qty: 1, priceKopecks: 100 }], payment: { method: 'card', amountKopecks: 100, terminalRef: '1' } });
    const foreign = sale(tablet, { receiptNumber: formatReceiptNumber('MSK1-T99', 1) });
    const reused = sale(tablet, { receiptNumber: saleOf(used).receiptNumber });
    const sameSale = sale(tablet, { saleId: saleOf(used).saleId });
    expect(outcome(await s.push(tablet, [unknown, foreign, reused, sameSale])))
      .toEqual(['unknown-sku', 'receipt-number-foreign', 'receipt-number-reused', 'sale-exists']);
    expect(outcome(await s.push(kiosk, [sale(kiosk)]))).toEqual(['role-forbidden']);
    expect(outcome(await s.push(tablet, [sale(tablet, { staffSessionId: randomUUID() })]))).toEqual(['staff-session-invalid']);
    expect(await count('sales')).toBe(1);
  });

  it('refuses a payload that cannot be a sale, naming the rule: a total that is not the lines’, a serial twice, a serial short, more than 4 card digits', async () => {
    const line = { sku: TV.sku, qty: 2, priceKopecks: TV.price, serials: ['A', 'A'] };
    const bad = [
      sale(tablet, { payment: { method: 'card', amountKopecks: 1, terminalRef: '1' } }),
      sale(tablet, { lines: [line], payment: { method: 'card', amountKopecks: 2 * TV.price, terminalRef: '1' } }),
      sale(tablet, { lines: [{ ...line, serials: ['A'] }], payment: { method: 'card', amountKopecks: 2 * TV.price, terminalRef: '1' } }),
      sale(tablet, { payment: { method: 'card', amountKopecks: TV.price + 2 * KETTLE.price, terminalRef: '1', cardLast4: '42424242' } }),
    ];
    const res = results(await s.push(tablet, bad));
    expect(res.map((r) => r.reason)).toEqual(Array<string>(4).fill('invalid-payload'));
    expect(res.map((r) => r.detail)).toEqual([
      expect.stringContaining('the amount is not the lines’ total'), expect.stringContaining('serial number A twice'),
      expect.stringContaining('one serial number per unit'), expect.stringContaining('last 4 digits'),
    ]);
  });

  it('applies and flags what only needs a look: a price changed while offline, a serial sold before, serials missing, an unknown card', async () => {
    const first = sale(tablet);
    expect(outcome(await s.push(tablet, [first]))).toEqual(['applied']);
    const serial = saleOf(first).lines[0]!.serials![0]!;
    const cheaper = sale(tablet, { lines: [{ sku: KETTLE.sku, qty: 1, priceKopecks: 180_000 }], payment: { method: 'cash', amountKopecks: 180_000 } });
    const resold = sale(tablet, { lines: [{ sku: TV.sku, qty: 1, priceKopecks: TV.price, serials: [serial] }], payment: { method: 'card', amountKopecks: TV.price, terminalRef: '1' } });
    const noSerial = sale(tablet, { lines: [{ sku: TV.sku, qty: 1, priceKopecks: TV.price }], payment: { method: 'card', amountKopecks: TV.price, terminalRef: '1' } });
    const card = sale(tablet, { customerCard: '1234567890' });
    expect(outcome(await s.push(tablet, [cheaper, resold, noSerial, card]))).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await flags(saleOf(cheaper).saleId)).toEqual(['price-differs']);
    expect(await flags(saleOf(resold).saleId)).toEqual(['serial-resold']);
    expect(await flags(saleOf(noSerial).saleId)).toEqual(['serials-missing']);
    expect(await flags(saleOf(card).saleId)).toEqual(['unknown-card']);
    expect(await flags(saleOf(first).saleId)).toEqual([]);
  });
});

describe('sale.refunded', () => {
  async function sold() {
    const tx = sale(tablet);
    expect(outcome(await s.push(tablet, [tx]))).toEqual(['applied']);
    return saleOf(tx);
  }

  it('refunds chosen units at the sale’s prices by its own method; 50 concurrent copies apply once, replay ×3 changes nothing', async () => {
    const p = await sold();
    const tx = refund(tablet, p.saleId, [{ sku: KETTLE.sku, qty: 1 }]);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    expect(all.map((r) => results(r)[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(outcome(await s.push(tablet, [tx]))).toEqual(['duplicate']);
    const { rows } = await s.db.query<{ method: string; amount: number }>('SELECT method, amount_kopecks::int AS amount FROM refunds WHERE sale_id = $1', [p.saleId]);
    expect(rows).toEqual([{ method: 'cash', amount: KETTLE.price }]);
    expect((await s.db.query('SELECT sku, refunded_qty FROM sale_lines WHERE sale_id = $1 ORDER BY sku', [p.saleId])).rows)
      .toEqual([{ sku: KETTLE.sku, refunded_qty: 1 }, { sku: TV.sku, refunded_qty: 0 }]);
    expect((await s.db.query("SELECT total_kopecks::int AS total FROM receipts WHERE kind = 'refund'")).rows).toEqual([{ total: KETTLE.price }]);
  });

  it('never more than sold less refunded: a second partial refund gets only what is left (six tablets at once: two fit, four are told)', async () => {
    const p = await sold(); // two kettles
    const tablets = await Promise.all(Array.from({ length: 6 }, () => s.enroll('MSK1', 'tablet')));
    const sessions = await Promise.all(tablets.map((t) => signIn(t, '1001', '2468')));
    const pushes = await Promise.all(tablets.map((t, i) => s.push(t, [refund(t, p.saleId, [{ sku: KETTLE.sku, qty: 1 }], { staffSessionId: sessions[i]!.sessionId })])));
    expect(pushes.flatMap(outcome).sort()).toEqual(['applied', 'applied', 'over-refund', 'over-refund', 'over-refund', 'over-refund']);
    expect((await s.db.query<{ refunded: number }>('SELECT refunded_qty AS refunded FROM sale_lines WHERE sale_id = $1 AND sku = $2', [p.saleId, KETTLE.sku])).rows[0]!.refunded).toBe(2);
    expect((await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM refunds WHERE sale_id = $1', [p.saleId])).rows[0]!.n).toBe(2);
    // In one batch, the second sees the first: 1 + 1 fits, a third does not.
    const q = await sold();
    expect(outcome(await s.push(tablet, [refund(tablet, q.saleId, [{ sku: KETTLE.sku, qty: 1 }]), refund(tablet, q.saleId, [{ sku: KETTLE.sku, qty: 1 }]), refund(tablet, q.saleId, [{ sku: KETTLE.sku, qty: 1 }])])))
      .toEqual(['applied', 'applied', 'over-refund']);
  });

  it('rejects: an unknown sale, another branch’s, a product or serial not in it, a serial unit without its serial or returned twice, an associate', async () => {
    const p = await sold();
    const serial = p.lines[0]!.serials![0]!;
    const spb = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Л.', role: 'supervisor', pin: '1111' });
    const spbSupervisor = await signIn(spb, '2001', '1111');
    expect(outcome(await s.push(tablet, [refund(tablet, randomUUID(), [{ sku: KETTLE.sku, qty: 1 }])]))).toEqual(['unknown-sale']);
    expect(outcome(await s.push(spb, [refund(spb, p.saleId, [{ sku: KETTLE.sku, qty: 1 }], { staffSessionId: spbSupervisor.sessionId })]))).toEqual(['other-branch']);
    const rejected = [
      refund(tablet, p.saleId, [{ sku: 'OTHER-1', qty: 1 }]),
      refund(tablet, p.saleId, [{ sku: TV.sku, qty: 1, serials: ['SN-NOT-SOLD'] }]),
      refund(tablet, p.saleId, [{ sku: TV.sku, qty: 1 }]),
      refund(tablet, p.saleId, [{ sku: KETTLE.sku, qty: 3 }]),
    ];
    expect(outcome(await s.push(tablet, rejected))).toEqual(['not-in-sale', 'not-in-sale', 'serials-required', 'over-refund']);
    expect(outcome(await s.push(tablet, [refund(tablet, p.saleId, [{ sku: TV.sku, qty: 1, serials: [serial] }], { staffSessionId: associate.sessionId })]))).toEqual(['role-forbidden']);
    expect(outcome(await s.push(tablet, [refund(tablet, p.saleId, [{ sku: TV.sku, qty: 1, serials: [serial] }])]))).toEqual(['applied']);
    expect((await s.db.query('SELECT refunded_at IS NOT NULL AS back FROM sold_serials WHERE serial = $1', [serial])).rows).toEqual([{ back: true }]);
    // Returned: selling that unit again is not a resale.
    const again = sale(tablet, { lines: [{ sku: TV.sku, qty: 1, priceKopecks: TV.price, serials: [serial] }], payment: { method: 'card', amountKopecks: TV.price, terminalRef: '1' } });
    expect(outcome(await s.push(tablet, [again]))).toEqual(['applied']);
    expect(await flags(saleOf(again).saleId)).toEqual([]);
  });
});

describe('GET /api/v1/sales/{key}', () => {
  it('finds a sale of the branch by its receipt number or its QR’s id, with what was refunded; not another branch’s, not for a kiosk', async () => {
    const tx = sale(tablet);
    expect(outcome(await s.push(tablet, [tx]))).toEqual(['applied']);
    const p = saleOf(tx);
    expect(outcome(await s.push(tablet, [refund(tablet, p.saleId, [{ sku: KETTLE.sku, qty: 1 }])]))).toEqual(['applied']);
    const headers = { ...tablet.auth, 'x-staff-session': associate.sessionToken };
    const byNumber = await s.app.inject({ method: 'GET', url: `/api/v1/sales/${p.receiptNumber.toLowerCase()}`, headers });
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json()).toMatchObject({
      saleId: p.saleId, receiptNumber: p.receiptNumber, method: 'cash',
      lines: [
        { sku: KETTLE.sku, name: KETTLE.sku, qty: 2, priceKopecks: KETTLE.price, serials: [], refundedQty: 1, refundedSerials: [] },
        { sku: TV.sku, qty: 1, serials: p.lines[0]!.serials, refundedQty: 0 },
      ],
    });
    const byQr = await s.app.inject({ method: 'GET', url: `/api/v1/sales/${encodeURIComponent(`okno:receipt:${p.saleId}`)}`, headers });
    expect(byQr.json()).toEqual(byNumber.json());
    const spb = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Л.', role: 'supervisor', pin: '1111' });
    const spbSession = await signIn(spb, '2001', '1111');
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/sales/${p.receiptNumber}`, headers: { ...spb.auth, 'x-staff-session': spbSession.sessionToken } })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/sales/${p.receiptNumber}`, headers: tablet.auth })).statusCode).toBe(401);
    const kiosk = await s.enroll('MSK1');
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/sales/${p.receiptNumber}`, headers: kiosk.auth })).statusCode).toBe(403);
  });
});


describe('a card holder’s passbook', () => {
  const CARD = '2000000000015';
  async function holder(branchCode: string, card: string): Promise<void> {
    const { rows } = await s.db.query<{ id: string }>('SELECT id FROM branches WHERE code = $1', [branchCode]);
    const customerId = randomUUID();
    await s.services.repos.customers.insert(s.db, { id: customerId, branchId: rows[0]!.id, shortName: 'Иван П.', cardNumber: card });
    await s.services.repos.customers.insertLedger(s.db, customerId, [{ id: randomUUID(), postedAt: '2026-11-01T09:00:00Z', textRu: 'Взнос', textEn: 'Deposit', amountKopecks: 5_000_000 }]);
  }
  const book = async (card: string) => (await s.db.query<{ line: number; text: string; amount: number; balance: number }>(
    `SELECT e.line_no AS line, e.text_ru AS text, e.amount_kopecks::int AS amount, e.balance_kopecks::int AS balance
     FROM ledger_entries e JOIN customers c ON c.id = e.customer_id WHERE c.card_number = $1 ORDER BY e.line_no`, [card])).rows;

  it('gets the purchase and its payment, once (50 concurrent copies, replay ×3); a refund adds its two lines; the balance stays the account’s', async () => {
    await holder('MSK1', CARD);
    const tx = sale(tablet, { customerCard: CARD });
    const p = tx.payload as SaleCompletedPayload;
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    expect(all.map((r) => results(r)[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(outcome(await s.push(tablet, [tx]))).toEqual(['duplicate']);
    const total = p.payment.amountKopecks;
    expect(await book(CARD)).toEqual([
      { line: 1, text: 'Взнос', amount: 5_000_000, balance: 5_000_000 },
      { line: 2, text: `Покупка, чек ${p.receiptNumber}`, amount: -total, balance: 5_000_000 - total },
      { line: 3, text: 'Оплата наличными', amount: total, balance: 5_000_000 },
    ]);
    const back = refund(tablet, p.saleId, [{ sku: KETTLE.sku, qty: 1 }]);
    for (let i = 0; i < 3; i++) await s.push(tablet, [back]);
    expect((await book(CARD)).slice(3)).toEqual([
      { line: 4, text: `Возврат, чек ${(back.payload as SaleRefundedPayload).receiptNumber}`, amount: KETTLE.price, balance: 5_000_000 + KETTLE.price },
      { line: 5, text: 'Выдано наличными', amount: -KETTLE.price, balance: 5_000_000 },
    ]);
  });

  it('numbers the lines of sales pushed at once from several tablets one after another, each balance the one before plus its amount', async () => {
    await holder('MSK1', CARD);
    const tablets = await Promise.all(Array.from({ length: 5 }, () => s.enroll('MSK1', 'tablet')));
    const sessions = await Promise.all(tablets.map((t) => signIn(t, '1002', '1357')));
    const pushes = await Promise.all(tablets.map((t, i) => s.push(t, [0, 1].map(() => sale(t, { customerCard: CARD, staffSessionId: sessions[i]!.sessionId,
      lines: [{ sku: KETTLE.sku, qty: 1 + i, priceKopecks: KETTLE.price }], payment: { method: 'card', amountKopecks: (1 + i) * KETTLE.price, terminalRef: '1' } })))));
    expect(pushes.flatMap(outcome)).toEqual(Array<string>(10).fill('applied'));
    const lines = await book(CARD);
    expect(lines.map((l) => l.line)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.balance).toBe(lines[i - 1]!.balance + lines[i]!.amount);
    expect(lines.filter((l) => l.text === 'Оплата картой')).toHaveLength(10);
    expect(lines.at(-1)!.balance).toBe(5_000_000);
  });

  it('leaves out a card of another branch (the sale is flagged, no book gets a line)', async () => {
    await holder('SPB1', CARD);
    const tx = sale(tablet, { customerCard: CARD });
    expect(outcome(await s.push(tablet, [tx]))).toEqual(['applied']);
    expect(await flags((tx.payload as SaleCompletedPayload).saleId)).toEqual(['unknown-card']);
    expect(await book(CARD)).toHaveLength(1);
  });
});
