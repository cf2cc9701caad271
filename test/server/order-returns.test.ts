import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { paperId } from '../../shared/domain/paper-id';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import { formatScanCode } from '../../shared/domain/scan-code';
import type { DayReport, OrderItem, OrderReturnedPayload, PushResponse, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import type { Row } from '../../server/db/db';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * order.returned: goods of a pickup order the branch handed over (at a kiosk, or at the
 * desk), taken back by a supervisor; exactly once, every rejection, the money's way back,
 * and GET /api/v1/returns/{key}. On PGlite and PostgreSQL.
 */
let s: TestServer;
let kiosk: TestDevice;
let tablet: TestDevice;
let associate: StaffSession;
let supervisor: StaffSession;
const TV = { sku: 'TV-1', price: 4_999_000 };
const KETTLE = { sku: 'KETTLE-1', price: 199_000 };
const ITEMS: OrderItem[] = [
  { sku: TV.sku, name: 'Телевизор Samsung UE43', quantity: 1, priceKopecks: TV.price },
  { sku: KETTLE.sku, name: 'Чайник электрический', quantity: 2, priceKopecks: KETTLE.price },
];
const TOTAL = TV.price + 2 * KETTLE.price;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  for (const [i, p] of [{ ...TV, serial: true }, { ...KETTLE, serial: false }].entries()) {
    const res = await s.app.inject({
      method: 'PUT', url: `/api/v1/admin/products/${p.sku}`, headers: s.adminAuth,
      payload: { ean13: `46000000000${i}${ean13CheckDigit(`46000000000${i}`)}`, nameRu: p.sku, nameEn: p.sku, priceKopecks: p.price, warrantyMonths: 12, serialRequired: p.serial },
    });
    if (res.statusCode >= 300) throw new Error(res.body);
  }
  kiosk = await s.enroll('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  associate = await s.signIn(tablet, '1002', '1357');
  supervisor = await s.signIn(tablet, '1001', '2468');
});
afterEach(() => s.close());

const envelope = (device: TestDevice, kind: string, payload: object): TransactionEnvelope =>
  ({ id: randomUUID(), seq: device.nextSeq++, kind, occurredAt: new Date().toISOString(), payload: payload as Record<string, unknown> });
const outcome = async (device: TestDevice, txs: TransactionEnvelope[]) => ((await s.push(device, txs)).json() as PushResponse).results.map((r) => r.reason ?? r.status);
const rows = async <T extends Row = Row>(sql: string, params: unknown[] = []) => (await s.db.query<T>(sql, params)).rows;

/**
 * A pickup order of a TV and two kettles handed over at the kiosk (staff brought the goods):
 * paid online when ordered, or at the desk in cash or by card first.
 */
async function handedOver(paidBy: 'online' | 'cash' | 'card' = 'online', extra: { customerCard?: string } = {}): Promise<{ code: string; receiptNumber: string }> {
  const code = await s.putOrder('MSK1', { items: ITEMS, paid: paidBy === 'online', ...extra });
  if (paidBy !== 'online') {
    const payment = paidBy === 'cash' ? { method: 'cash', amountKopecks: TOTAL, tenderedKopecks: TOTAL, changeKopecks: 0 } : { method: 'card', amountKopecks: TOTAL, terminalRef: '123456789012' };
    expect(await outcome(tablet, [envelope(tablet, 'order.paid', { orderCode: code, payment, staffSessionId: associate.sessionId })])).toEqual(['applied']);
  }
  const pickup = s.pickup(kiosk, code);
  expect(await outcome(kiosk, [pickup])).toEqual(['applied']);
  return { code, receiptNumber: (pickup.payload as { receiptNumber: string }).receiptNumber };
}

function returned(device: TestDevice, orderCode: string, lines: OrderReturnedPayload['lines'], overrides: Partial<OrderReturnedPayload> = {}): TransactionEnvelope {
  return envelope(device, 'order.returned', {
    returnId: randomUUID(), orderCode, receiptNumber: formatReceiptNumber(device.deviceCode, device.receiptCounter++), lines, staffSessionId: supervisor.sessionId, paperLang: 'ru', ...overrides,
  });
}
const payloadOf = (tx: TransactionEnvelope) => tx.payload as unknown as OrderReturnedPayload;
const backOf = (code: string) => rows<{ method: string; amount: number }>('SELECT method, amount_kopecks::int AS amount FROM refunds WHERE order_code = $1 ORDER BY occurred_at, receipt_number', [code]);

describe('order.returned', () => {
  it('takes back chosen units at the order’s prices, the TV by the serial read off it; 50 concurrent copies apply once, replay ×3 answers duplicate', async () => {
    const { code } = await handedOver();
    const tx = returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }, { sku: TV.sku, qty: 1, serials: ['SN-0001'] }]);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    expect(all.map((r) => (r.json() as PushResponse).results[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(await outcome(tablet, [tx])).toEqual(['duplicate']);
    expect(await backOf(code)).toEqual([{ method: 'online', amount: KETTLE.price + TV.price }]);
    expect(await rows('SELECT sku, qty, serials FROM refund_lines ORDER BY sku')).toEqual([
      { sku: KETTLE.sku, qty: 1, serials: [] }, { sku: TV.sku, qty: 1, serials: ['SN-0001'] },
    ]);
    // The slip is one of the branch's documents, under the order's code.
    expect(await rows('SELECT kind, order_code AS "orderCode", total_kopecks::int AS total FROM receipts WHERE number = $1', [payloadOf(tx).receiptNumber]))
      .toEqual([{ kind: 'refund', orderCode: code, total: KETTLE.price + TV.price }]);
    // The order stays handed over; its audit names who took it back.
    expect(await s.orderStatus(code)).toBe('picked_up');
    expect(await rows("SELECT subject FROM audit_log WHERE action = 'order.returned'")).toEqual([{ subject: `${code} ${payloadOf(tx).receiptNumber}` }]);
  });

  it('gives the money back the way the order was paid: online by the shop, cash from the drawer, to the card', async () => {
    for (const paidBy of ['online', 'cash', 'card'] as const) {
      const { code } = await handedOver(paidBy);
      expect(await outcome(tablet, [returned(tablet, code, [{ sku: KETTLE.sku, qty: 2 }])])).toEqual(['applied']);
      expect(await backOf(code)).toEqual([{ method: paidBy, amount: 2 * KETTLE.price }]);
    }
  });

  it('never more than handed over less returned: six tablets at once, two fit and four are told; in one batch a later one sees an earlier one', async () => {
    const { code } = await handedOver(); // two kettles
    const tablets = await Promise.all(Array.from({ length: 6 }, () => s.enroll('MSK1', 'tablet')));
    const sessions = await Promise.all(tablets.map((t) => s.signIn(t, '1001', '2468')));
    const pushes = await Promise.all(tablets.map((t, i) => outcome(t, [returned(t, code, [{ sku: KETTLE.sku, qty: 1 }], { staffSessionId: sessions[i]!.sessionId })])));
    expect(pushes.flat().sort()).toEqual(['applied', 'applied', 'over-refund', 'over-refund', 'over-refund', 'over-refund']);
    expect(await backOf(code)).toHaveLength(2);
    const next = await handedOver();
    expect(await outcome(tablet, [1, 2, 3].map(() => returned(tablet, next.code, [{ sku: KETTLE.sku, qty: 1 }]))))
      .toEqual(['applied', 'applied', 'over-refund']);
  });

  it('rejects, each alone and leaving nothing: every reason a return can have', async () => {
    const { code } = await handedOver();
    const onShelf = await s.putOrder('MSK1', { items: ITEMS });
    const cancelled = await s.putOrder('MSK1', { items: ITEMS, status: 'cancelled' });
    const used = returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }]); // one kettle and the TV are left
    expect(await outcome(tablet, [used])).toEqual(['applied']);
    const before = await rows('SELECT count(*)::int AS n FROM refunds');
    expect(await outcome(tablet, [
      returned(tablet, '47110004', [{ sku: KETTLE.sku, qty: 1 }]),
      returned(tablet, onShelf, [{ sku: KETTLE.sku, qty: 1 }]),
      returned(tablet, cancelled, [{ sku: KETTLE.sku, qty: 1 }]),
      returned(tablet, code, [{ sku: 'IRON-1', qty: 1 }]),
      returned(tablet, code, [{ sku: KETTLE.sku, qty: 2 }]),
      returned(tablet, code, [{ sku: TV.sku, qty: 1 }]),
      returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }], { receiptNumber: formatReceiptNumber('MSK1-T99', 1) }),
      returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }], { receiptNumber: payloadOf(used).receiptNumber }),
      returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }], { returnId: payloadOf(used).returnId }),
      returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }], { staffSessionId: associate.sessionId }),
      returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }], { staffSessionId: randomUUID() }),
      returned(tablet, code, [{ sku: KETTLE.sku, qty: 2, serials: ['A', 'A'] }]),
    ])).toEqual([
      'unknown-order', 'not-picked-up', 'not-picked-up', 'not-in-order', 'over-refund', 'serials-required',
      'receipt-number-foreign', 'receipt-number-reused', 'refund-exists', 'role-forbidden', 'staff-session-invalid', 'invalid-payload',
    ]);
    // A serial taken back once is not taken back again (two TVs this time).
    const two = await s.putOrder('MSK1', { items: [{ ...ITEMS[0]!, quantity: 2 }] });
    expect(await outcome(kiosk, [s.pickup(kiosk, two)])).toEqual(['applied']);
    expect(await outcome(tablet, [returned(tablet, two, [{ sku: TV.sku, qty: 1, serials: ['SN-9'] }]), returned(tablet, two, [{ sku: TV.sku, qty: 1, serials: ['SN-9'] }])]))
      .toEqual(['applied', 'over-refund']);
    // Another branch's order; a kiosk may not send a return at all.
    const spbOrder = await s.putOrder('SPB1', { items: ITEMS });
    const spbKiosk = await s.enroll('SPB1');
    expect(await outcome(spbKiosk, [s.pickup(spbKiosk, spbOrder)])).toEqual(['applied']);
    expect(await outcome(tablet, [returned(tablet, spbOrder, [{ sku: KETTLE.sku, qty: 1 }])])).toEqual(['other-branch']);
    const { staffSessionId: _none, ...fromKiosk } = payloadOf(returned(kiosk, code, [{ sku: KETTLE.sku, qty: 1 }]));
    expect(await outcome(kiosk, [envelope(kiosk, 'order.returned', fromKiosk)])).toEqual(['role-forbidden']);
    expect(await rows('SELECT count(*)::int AS n FROM refunds')).toEqual([{ n: before[0]!['n'] as number + 1 }]);
  });

  it('an order listing a product twice comes back as one line of its units, at the lower price', async () => {
    const code = await s.putOrder('MSK1', { items: [{ ...ITEMS[1]!, quantity: 1 }, { ...ITEMS[1]!, quantity: 1, priceKopecks: 150_000 }] });
    expect(await outcome(kiosk, [s.pickup(kiosk, code)])).toEqual(['applied']);
    expect(await outcome(tablet, [returned(tablet, code, [{ sku: KETTLE.sku, qty: 2 }]), returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }])])).toEqual(['applied', 'over-refund']);
    expect(await backOf(code)).toEqual([{ method: 'online', amount: 300_000 }]);
  });

  it('a card holder’s order: the return adds the goods back and the money’s way to their book, once; the balance stays the account’s', async () => {
    const CARD = '2000000000015';
    const [branch] = await rows<{ id: string }>("SELECT id FROM branches WHERE code = 'MSK1'");
    const customerId = randomUUID();
    await s.services.repos.customers.insert(s.db, { id: customerId, branchId: branch!.id, shortName: 'Иван П.', cardNumber: CARD });
    await s.services.repos.customers.insertLedger(s.db, customerId, [{ id: randomUUID(), postedAt: '2026-11-01T09:00:00Z', textRu: 'Взнос', textEn: 'Deposit', amountKopecks: 5_000_000 }]);
    const { code } = await handedOver('online', { customerCard: CARD });
    const back = returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }]);
    for (let i = 0; i < 3; i++) await s.push(tablet, [back]);
    const book = await rows<{ text: string; amount: number; balance: number }>(
      'SELECT e.text_ru AS text, e.amount_kopecks::int AS amount, e.balance_kopecks::int AS balance FROM ledger_entries e WHERE e.customer_id = $1 ORDER BY e.line_no', [customerId]);
    expect(book.slice(3)).toEqual([
      { text: `Возврат, чек ${payloadOf(back).receiptNumber}`, amount: KETTLE.price, balance: 5_000_000 + KETTLE.price },
      { text: 'Вернёт магазин онлайн', amount: -KETTLE.price, balance: 5_000_000 },
    ]);
  });
});

describe('GET /api/v1/returns/{key}', () => {
  const find = (key: string, session = supervisor, device = tablet) =>
    s.app.inject({ method: 'GET', url: `/api/v1/returns/${encodeURIComponent(key)}`, headers: { ...device.auth, 'x-staff-session': session.sessionToken } });

  it('finds a handed-over order by its receipt’s number or QR, its code or the customer’s pickup QR, with how it was paid and what came back', async () => {
    const { code, receiptNumber } = await handedOver('cash');
    expect(await outcome(tablet, [returned(tablet, code, [{ sku: TV.sku, qty: 1, serials: ['SN-1'] }])])).toEqual(['applied']);
    const res = await find(receiptNumber.toLowerCase());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      found: 'order',
      order: {
        orderCode: code, receiptNumber, handedOverAt: expect.any(String), handedOverOn: kiosk.deviceCode, paidBy: 'cash',
        lines: [
          { sku: TV.sku, name: 'Телевизор Samsung UE43', qty: 1, priceKopecks: TV.price, serials: [], serialRequired: true, refundedQty: 1, refundedSerials: ['SN-1'] },
          { sku: KETTLE.sku, name: 'Чайник электрический', qty: 2, priceKopecks: KETTLE.price, serials: [], serialRequired: false, refundedQty: 0, refundedSerials: [] },
        ],
      },
    });
    for (const key of [`${code.slice(0, 4)} ${code.slice(4)}`, `okno:receipt:${paperId('receipt', receiptNumber)}`, formatScanCode(code, 'K7M2Q9XW4P3RT6YA')]) {
      expect((await find(key)).json(), key).toEqual(res.json());
    }
  });

  it('finds a sale too; names another branch’s receipt, order or sale by that branch; says an order was never handed over; else 404', async () => {
    const sale = envelope(tablet, 'sale.completed', {
      saleId: randomUUID(), receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines: [{ sku: KETTLE.sku, qty: 1, priceKopecks: KETTLE.price }],
      payment: { method: 'card', amountKopecks: KETTLE.price, terminalRef: '1' }, confirmedOn: 'tablet', staffSessionId: associate.sessionId,
    });
    expect(await outcome(tablet, [sale])).toEqual(['applied']);
    const saleKey = sale.payload as { saleId: string; receiptNumber: string };
    expect((await find(saleKey.receiptNumber)).json()).toMatchObject({ found: 'sale', sale: { saleId: saleKey.saleId, method: 'card' } });
    expect((await find(`okno:receipt:${saleKey.saleId}`)).json()).toMatchObject({ found: 'sale' });

    const spbTablet = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Лебедева', role: 'supervisor', pin: '1111' });
    const spb = await s.signIn(spbTablet, '2001', '1111');
    const ours = await handedOver();
    for (const key of [ours.receiptNumber, ours.code, saleKey.receiptNumber, `okno:receipt:${saleKey.saleId}`]) {
      const res = await find(key, spb, spbTablet);
      expect(res.statusCode, key).toBe(200);
      expect(res.json(), key).toEqual({ found: 'other-branch', branchName: 'Филиал MSK1' });
    }
    const onShelf = await s.putOrder('MSK1');
    expect((await find(onShelf)).json()).toEqual({ found: 'not-handed-over', orderCode: onShelf, status: 'ready' });
    for (const key of ['MSK1-K99-000001', '47110004', `okno:receipt:${paperId('receipt', 'MSK1-K99-000001')}`]) expect((await find(key)).statusCode, key).toBe(404);
    expect((await find('not a receipt')).statusCode).toBe(400);
    // A supervisor's: an associate is refused, and so is a kiosk.
    expect((await find(ours.code, associate)).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/returns/${ours.code}`, headers: kiosk.auth })).statusCode).toBe(403);
  });
});

describe('the day’s summary', () => {
  it('counts returns of orders apart from sales’ refunds; the cash and card ones are money paid back, the online ones the shop’s to pay', async () => {
    for (const paidBy of ['online', 'cash', 'card'] as const) {
      const { code } = await handedOver(paidBy);
      expect(await outcome(tablet, [returned(tablet, code, [{ sku: KETTLE.sku, qty: 1 }])])).toEqual(['applied']);
    }
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    const day = (await s.app.inject({ method: 'GET', url: `/api/v1/reports/day?date=${today}`, headers: { ...tablet.auth, 'x-staff-session': supervisor.sessionToken } })).json() as DayReport;
    expect(day.refunds).toEqual({ count: 0, totalKopecks: 0 });
    expect(day.orderReturns).toEqual({ count: 3, totalKopecks: 3 * KETTLE.price, online: { count: 1, totalKopecks: KETTLE.price } });
    expect(day.payments).toEqual([
      { method: 'card', direction: 'in', count: 1, totalKopecks: TOTAL },
      { method: 'cash', direction: 'in', count: 1, totalKopecks: TOTAL },
      { method: 'card', direction: 'out', count: 1, totalKopecks: KETTLE.price },
      { method: 'cash', direction: 'out', count: 1, totalKopecks: KETTLE.price },
    ]);
  });
});
