import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { DayReport, PushResponse, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/** GET /api/v1/reports/day: a branch's day for the supervisor; on PGlite and PostgreSQL. */
let s: TestServer;
let tablet: TestDevice;
let kiosk: TestDevice;
let supervisor: StaffSession;
let associate: StaffSession;
const KETTLE = { sku: 'KETTLE-1', price: 199_000 };

/** Today in the branch's time zone (Moscow), as the report names days. */
const dayOf = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(at);
const today = () => dayOf(new Date());

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  const res = await s.app.inject({
    method: 'PUT', url: `/api/v1/admin/products/${KETTLE.sku}`, headers: s.adminAuth,
    payload: { ean13: `460000000000${ean13CheckDigit('460000000000')}`, nameRu: 'Чайник', nameEn: 'Kettle', priceKopecks: KETTLE.price, warrantyMonths: 0, serialRequired: false },
  });
  if (res.statusCode >= 300) throw new Error(res.body);
  tablet = await s.enroll('MSK1', 'tablet');
  kiosk = await s.enroll('MSK1');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  supervisor = await signIn('1001', '2468');
  associate = await signIn('1002', '1357');
});
afterEach(() => s.close());

async function signIn(employeeNo: string, pin: string): Promise<StaffSession> {
  return s.signIn(tablet, employeeNo, pin);
}
const tx = (device: TestDevice, kind: string, payload: object, occurredAt = new Date()): TransactionEnvelope =>
  ({ id: randomUUID(), seq: device.nextSeq++, kind, occurredAt: occurredAt.toISOString(), payload: payload as Record<string, unknown> });
const applied = async (device: TestDevice, txs: TransactionEnvelope[]) => {
  const res = await s.push(device, txs);
  return (res.json() as PushResponse).results.map((r) => r.reason ?? r.status);
};
const sale = (qty: number, method: 'cash' | 'card', occurredAt?: Date, price = KETTLE.price) => tx(tablet, 'sale.completed', {
  saleId: randomUUID(), receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines: [{ sku: KETTLE.sku, qty, priceKopecks: price }],
  payment: method === 'cash' ? { method, amountKopecks: qty * price, tenderedKopecks: qty * price, changeKopecks: 0 } : { method, amountKopecks: qty * price, terminalRef: '123456' },
  confirmedOn: 'tablet', staffSessionId: associate.sessionId,
}, occurredAt);
const report = (session: StaffSession, date = today()) => s.app.inject({ method: 'GET', url: `/api/v1/reports/day?date=${date}`, headers: { ...tablet.auth, 'x-staff-session': session.sessionToken } });

describe('the day’s summary', () => {
  it('adds up the day: pickups, sales, refunds, money by method, open calls and refusals, and what arrived late with its own time', async () => {
    // Two pickups: one prepaid online, one paid at the desk in cash (199 000 each, the test order's kettle).
    const prepaid = await s.putOrder('MSK1');
    const atDesk = await s.putOrder('MSK1', { paid: false });
    expect(await applied(tablet, [tx(tablet, 'order.paid', { orderCode: atDesk, payment: { method: 'cash', amountKopecks: 199_000, tenderedKopecks: 200_000, changeKopecks: 1_000 }, staffSessionId: associate.sessionId })])).toEqual(['applied']);
    expect(await applied(kiosk, [s.pickup(kiosk, prepaid), s.pickup(kiosk, atDesk)])).toEqual(['applied', 'applied']);
    // Sales: 2 kettles in cash, 1 by card at an old price (flagged); one kettle refunded in cash.
    const cash = sale(2, 'cash');
    const card = sale(1, 'card', undefined, 180_000);
    expect(await applied(tablet, [cash, card])).toEqual(['applied', 'applied']);
    const refund = tx(tablet, 'sale.refunded', { refundId: randomUUID(), saleId: (cash.payload as { saleId: string }).saleId, receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines: [{ sku: KETTLE.sku, qty: 1 }], staffSessionId: supervisor.sessionId });
    expect(await applied(tablet, [refund])).toEqual(['applied']);
    // A call for help left open; a pickup refused and not resolved; a handover made 40 minutes ago at a kiosk that was offline.
    expect(await applied(kiosk, [tx(kiosk, 'assistance.requested', { requestId: randomUUID(), screen: 'code', context: { step: 'code', lang: 'ru', largeText: false, voice: false } })])).toEqual(['applied']);
    const other = await s.enroll('MSK1');
    expect(await applied(other, [s.pickup(other, prepaid)])).toEqual(['already-picked-up']);
    const lateAt = new Date(Date.now() - 12 * 60_000);
    const late = { ...s.pickup(kiosk, await s.putOrder('MSK1')), occurredAt: lateAt.toISOString() };
    const lateToday = dayOf(lateAt) === today(); // not just after midnight: then it is yesterday's
    expect(await applied(kiosk, [late])).toEqual(['applied']);

    const res = await report(supervisor);
    expect(res.statusCode).toBe(200);
    const day = res.json() as DayReport;
    expect(day).toMatchObject({
      date: today(), branch: { code: 'MSK1', name: 'Филиал MSK1' },
      pickups: { count: lateToday ? 3 : 2, totalKopecks: (lateToday ? 3 : 2) * 199_000 },
      sales: { count: 2, totalKopecks: 2 * KETTLE.price + 180_000, flagged: [{ receiptNumber: (card.payload as { receiptNumber: string }).receiptNumber, flags: ['price-differs'] }] },
      refunds: { count: 1, totalKopecks: KETTLE.price },
      reprints: { count: 0 },
      openHelpRequests: 1,
      unresolvedRejections: 1,
      passbookOverlaps: 0,
    });
    expect(day.payments).toEqual([
      { method: 'card', direction: 'in', count: 1, totalKopecks: 180_000 },
      { method: 'cash', direction: 'in', count: 2, totalKopecks: 199_000 + 2 * KETTLE.price },
      { method: 'cash', direction: 'out', count: 1, totalKopecks: KETTLE.price },
    ]);
    const lateDay = lateToday ? day : (await report(supervisor, dayOf(lateAt))).json() as DayReport;
    expect(lateDay.late).toEqual([{ kind: 'order.pickedUp', device: kiosk.deviceCode, subject: (late.payload as { orderCode: string }).orderCode, occurredAt: late.occurredAt, receivedAt: expect.any(String) }]);
    // Another day has none of it.
    const empty = (await report(supervisor, '2026-01-05')).json() as DayReport;
    expect(empty).toMatchObject({ pickups: { count: 0, totalKopecks: 0 }, sales: { count: 0, flagged: [] }, payments: [], late: [], unresolvedRejections: 0 });
  });

  it('is the supervisor’s: an associate and a kiosk are refused, another branch sees its own, a bad date is named', async () => {
    await applied(kiosk, [s.pickup(kiosk, await s.putOrder('MSK1'))]);
    expect((await report(associate)).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: `/api/v1/reports/day?date=${today()}`, headers: kiosk.auth })).statusCode).toBe(403);
    const bad = await report(supervisor, '30.11.2026');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('YYYY-MM-DD');
    const theirs = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Викторовна Смирнова', role: 'supervisor', pin: '8642' });
    const their = (await s.signIn(theirs, '2001', '8642'));
    const spb = (await s.app.inject({ method: 'GET', url: `/api/v1/reports/day?date=${today()}`, headers: { ...theirs.auth, 'x-staff-session': their.sessionToken } })).json() as DayReport;
    expect(spb).toMatchObject({ branch: { code: 'SPB1' }, pickups: { count: 0 } });
  });
});
