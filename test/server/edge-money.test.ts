import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadServerConfig } from '../../server/config';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { DayReport, PushResponse, SaleCompletedPayload, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * Money that cannot break a total: prices, quantities and lines bounded so no sum passes
 * 2^53, a sale's price checked against the catalogue by the back office's rule, a serial
 * paid back once; on PGlite and PostgreSQL.
 */
let s: TestServer;
let tablet: TestDevice;
let associate: StaffSession;
let supervisor: StaffSession;
const KETTLE = { sku: 'KETTLE-1', price: 199_000 };
const TV = { sku: 'TV-1', price: 4_999_000 };

async function start(options: { salePriceTolerancePercent?: number } = {}) {
  s = await createTestServer(options);
  onTestFinished(() => s.close());
  await s.addBranch('MSK1');
  for (const [i, p] of [KETTLE, TV].entries()) {
    const res = await s.app.inject({
      method: 'PUT', url: `/api/v1/admin/products/${p.sku}`, headers: s.adminAuth,
      payload: { ean13: `46000000000${i}${ean13CheckDigit(`46000000000${i}`)}`, nameRu: p.sku, nameEn: p.sku, priceKopecks: p.price, warrantyMonths: 12, serialRequired: p === TV },
    });
    if (res.statusCode >= 300) throw new Error(res.body);
  }
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  supervisor = await signIn('1001', '2468');
  associate = await signIn('1002', '1357');
}

async function signIn(employeeNo: string, pin: string): Promise<StaffSession> {
  return s.signIn(tablet, employeeNo, pin);
}
const envelope = (kind: string, payload: object): TransactionEnvelope =>
  ({ id: randomUUID(), seq: tablet.nextSeq++, kind, occurredAt: new Date().toISOString(), payload: payload as Record<string, unknown> });
/** A sale paid by card whose amount is its lines' total (whatever they come to). */
const sale = (lines: SaleCompletedPayload['lines']) => envelope('sale.completed', {
  saleId: randomUUID(), receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines,
  payment: { method: 'card', amountKopecks: lines.reduce((sum, l) => sum + l.qty * l.priceKopecks, 0), terminalRef: '123456' },
  confirmedOn: 'tablet', staffSessionId: associate.sessionId,
});
const refund = (saleId: string, lines: object[]) => envelope('sale.refunded', {
  refundId: randomUUID(), saleId, receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines, staffSessionId: supervisor.sessionId,
});
const push = async (txs: TransactionEnvelope[]) => ((await s.push(tablet, txs)).json() as PushResponse).results;
const outcome = async (txs: TransactionEnvelope[]) => (await push(txs)).map((r) => r.reason ?? r.status);
const count = async (table: string) => (await s.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
const report = () => s.app.inject({ method: 'GET', url: `/api/v1/reports/day?date=${today()}`, headers: { ...tablet.auth, 'x-staff-session': supervisor.sessionToken } });
const kettles = (qty: number, priceKopecks = KETTLE.price) => [{ sku: KETTLE.sku, qty, priceKopecks }];

describe('money bounds', () => {
  it.each([
    ['a price of 2^53 − 1 kopecks', [{ sku: KETTLE.sku, qty: 1, priceKopecks: Number.MAX_SAFE_INTEGER }], 'payload.lines.0.priceKopecks'],
    ['a price over 100 000 000,00 ₽', [{ sku: KETTLE.sku, qty: 1, priceKopecks: 10_000_000_001 }], 'payload.lines.0.priceKopecks'],
    ['1,000 units on a line', kettles(1_000), 'payload.lines.0.qty'],
    ['101 lines', Array.from({ length: 101 }, (_, i) => ({ sku: `SKU-${i}`, qty: 1, priceKopecks: 100 })), 'payload.lines'],
  ])('a sale with %s is refused naming the field, alone in its batch; the day’s report stays right', async (_name, lines, field) => {
    await start();
    const [before, bad, after] = await push([sale(kettles(1)), sale(lines), sale(kettles(2))]);
    expect([before!.status, bad!.reason, after!.status]).toEqual(['applied', 'invalid-payload', 'applied']);
    expect(bad!.detail).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}\\b`));
    expect(await count('sales')).toBe(2);
    const res = await report();
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as DayReport).sales).toMatchObject({ count: 2, totalKopecks: 3 * KETTLE.price });
  });

  it('the shop and the back office are held to the same bounds: 400 naming the field, nothing stored', async () => {
    await start();
    const order = await s.app.inject({
      method: 'PUT', url: '/api/v1/admin/orders/47110004', headers: s.adminAuth,
      payload: { branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+79161234567', items: [{ sku: 'A', name: 'Чайник', quantity: 1, priceKopecks: Number.MAX_SAFE_INTEGER }], paid: true },
    });
    expect(order.statusCode).toBe(400);
    expect(order.json()).toMatchObject({ field: 'items.0.priceKopecks' });
    const product = await s.app.inject({
      method: 'PUT', url: '/api/v1/admin/products/GOLD-1', headers: s.adminAuth,
      payload: { ean13: `460000000099${ean13CheckDigit('460000000099')}`, nameRu: 'Слиток', nameEn: 'Bar', priceKopecks: 10_000_000_001, warrantyMonths: 0, serialRequired: false },
    });
    expect(product.statusCode).toBe(400);
    expect(product.json()).toMatchObject({ field: 'priceKopecks' });
    expect(await count('pickup_orders')).toBe(0);
    expect((await s.db.query("SELECT 1 FROM products WHERE sku = 'GOLD-1'")).rows).toEqual([]);
  });

  it('the day’s sums are exact numerics: sums past 2^53 (rows from before the bounds) are named, never a 500', async () => {
    await start();
    expect(await outcome([sale(kettles(1)), sale(kettles(1))])).toEqual(['applied', 'applied']);
    // As if two sales of 2^53 − 1 had been applied before the bounds existed.
    await s.db.query('UPDATE sales SET total_kopecks = $1', [String(Number.MAX_SAFE_INTEGER)]);
    const res = await report();
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'report-overflow', message: expect.stringContaining('18014398509481982') });
  });
});

describe('a sale’s price against the catalogue (OKNO_SALE_PRICE_TOLERANCE_PERCENT)', () => {
  it('within 20% by default: applied and flagged; beyond: rejected price-out-of-range, alone in its batch, nothing stored', async () => {
    await start();
    const at = (price: number) => sale(kettles(1, price));
    const batch = [at(159_200), at(159_199), at(238_800), at(238_801), at(KETTLE.price)];
    expect(await outcome(batch)).toEqual(['applied', 'price-out-of-range', 'applied', 'price-out-of-range', 'applied']);
    const { rows } = await s.db.query<{ total: string; flags: string[] }>('SELECT total_kopecks::text AS total, flags FROM sales ORDER BY total_kopecks');
    expect(rows).toEqual([{ total: '159200', flags: ['price-differs'] }, { total: '199000', flags: [] }, { total: '238800', flags: ['price-differs'] }]);
    expect(await count('receipts')).toBe(3);
  });

  it.each([
    [0, [KETTLE.price, KETTLE.price + 1], ['applied', 'price-out-of-range']],
    [100, [0, 2 * KETTLE.price, 2 * KETTLE.price + 1], ['applied', 'applied', 'price-out-of-range']],
  ])('the back office’s setting %i%% is the rule', async (percent, prices, expected) => {
    await start({ salePriceTolerancePercent: percent });
    expect(await outcome(prices.map((p) => sale(kettles(1, p))))).toEqual(expected);
  });

  it('is read from the environment: 20 when left out, 0–100 whole percent', () => {
    expect(loadServerConfig({}).salePriceTolerancePercent).toBe(20);
    expect(loadServerConfig({ OKNO_SALE_PRICE_TOLERANCE_PERCENT: '5' }).salePriceTolerancePercent).toBe(5);
    for (const bad of ['101', '-1', '7.5', 'ten']) expect(() => loadServerConfig({ OKNO_SALE_PRICE_TOLERANCE_PERCENT: bad })).toThrow(/OKNO_SALE_PRICE_TOLERANCE_PERCENT/);
  });
});

describe('a serial number named twice', () => {
  it('in a refund is refused naming the lines; the unit is paid back once, by the refund that names it once', async () => {
    await start();
    const sold = sale([{ sku: TV.sku, qty: 2, priceKopecks: TV.price, serials: ['SN-A', 'SN-B'] }]);
    expect(await outcome([sold])).toEqual(['applied']);
    const saleId = (sold.payload as { saleId: string }).saleId;
    const [twice] = await push([refund(saleId, [{ sku: TV.sku, qty: 2, serials: ['SN-A', 'SN-A'] }])]);
    expect(twice).toMatchObject({ status: 'rejected', reason: 'invalid-payload', detail: expect.stringMatching(/^payload\.lines\b.*serial number SN-A twice/) });
    expect(await count('refunds')).toBe(0);
    expect(await outcome([refund(saleId, [{ sku: TV.sku, qty: 1, serials: ['SN-A'] }]), refund(saleId, [{ sku: TV.sku, qty: 1, serials: ['SN-A'] }])]))
      .toEqual(['applied', 'over-refund']);
    const paidOut = (await report()).json() as DayReport;
    expect(paidOut.refunds).toEqual({ count: 1, totalKopecks: TV.price });
    expect(paidOut.payments.filter((p) => p.direction === 'out')).toEqual([{ method: 'card', direction: 'out', count: 1, totalKopecks: TV.price }]);
  });

  it('in a sale is refused naming the lines, nothing sold', async () => {
    await start();
    const [r] = await push([sale([{ sku: TV.sku, qty: 2, priceKopecks: TV.price, serials: ['SN-A', 'SN-A'] }])]);
    expect(r).toMatchObject({ reason: 'invalid-payload', detail: expect.stringMatching(/^payload\.lines\b.*serial number SN-A twice/) });
    expect(await count('sales')).toBe(0);
  });
});
