import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { prunePass, type RetentionSettings } from '../../server/services/retention/retention-job';
import { RETENTION_RULES } from '../../server/services/retention/rules';
import { pushResults } from './support/push-results';
/** What each transaction of a push came to: its refusal's reason, else its status. */
const results = async (res: Parameters<typeof pushResults>[0]) => pushResults(res).map((r) => r.reason ?? r.status);
import { sessionKeyPair } from './support/staff-keys';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * The retention job (issue 21, item 3) over a branch's real day, on PGlite and PostgreSQL:
 * the job is run as if days or years had passed (its `now`), so every row it meets was
 * written by the server as a branch writes it.
 */
let s: TestServer;
let tablet: TestDevice;
let kiosk: TestDevice;
let associate: StaffSession;
const KETTLE = { sku: 'KETTLE-1', price: 199_000 };
const SETTINGS: RetentionSettings = { eventsHours: 48, recordsDays: 1827, attemptsMinutes: 60 };
const DAY = 86_400_000;

const TABLES = ['events', 'event_tickets', 'staff_sign_in_failures', 'staff_sign_in_device_failures', 'order_phone_checks',
  'transactions', 'receipts', 'audit_log', 'sales', 'sale_lines', 'sale_payments', 'refunds', 'refund_lines', 'pickup_orders',
  'order_payments', 'pickup_waits', 'assistance_requests', 'staff_sessions'] as const;

async function counts(): Promise<Record<string, number>> {
  const { rows: [row] } = await s.db.query<Record<string, number>>(`SELECT ${TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
  return row!;
}

const tx = (device: TestDevice, kind: string, payload: object): TransactionEnvelope =>
  ({ id: randomUUID(), seq: device.nextSeq++, kind, occurredAt: new Date().toISOString(), payload: payload as Record<string, unknown> });

let openOrder: string;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  const res = await s.app.inject({
    method: 'PUT', url: `/api/v1/admin/products/${KETTLE.sku}`, headers: s.adminAuth,
    payload: { ean13: `460000000000${ean13CheckDigit('460000000000')}`, nameRu: 'Чайник', nameEn: 'Kettle', priceKopecks: KETTLE.price, warrantyMonths: 0, serialRequired: false },
  });
  if (res.statusCode >= 300) throw new Error(res.body);
  tablet = await s.enroll('MSK1', 'tablet');
  kiosk = await s.enroll('MSK1');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });

  // A day of the branch: a number nobody has tried (its wrong PIN counts until its window ends), sign-ins, an order paid at the desk and handed over,
  // a prepaid one handed over, a sale and its refund, a call for help, a ticket for a stream,
  // a wrong phone digit; one order still waits on its shelf.
  expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: tablet.auth, payload: { employeeNo: '1999', pin: '0000', publicKey: sessionKeyPair().publicKey } })).statusCode).toBe(401);
  associate = await s.signIn(tablet, '1002', '1357');
  const supervisor = await s.signIn(tablet, '1001', '2468');
  const prepaid = await s.putOrder('MSK1');
  const atDesk = await s.putOrder('MSK1', { paid: false });
  openOrder = await s.putOrder('MSK1');
  expect(await results(await s.push(tablet, [tx(tablet, 'order.paid', { orderCode: atDesk, payment: { method: 'cash', amountKopecks: 199_000, tenderedKopecks: 200_000, changeKopecks: 1_000 }, staffSessionId: associate.sessionId })]))).toEqual(['applied']);
  expect(await results(await s.push(kiosk, [s.pickup(kiosk, prepaid), s.pickup(kiosk, atDesk)]))).toEqual(['applied', 'applied']);
  const sale = tx(tablet, 'sale.completed', {
    saleId: randomUUID(), receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines: [{ sku: KETTLE.sku, qty: 2, priceKopecks: KETTLE.price }],
    payment: { method: 'cash', amountKopecks: 2 * KETTLE.price, tenderedKopecks: 2 * KETTLE.price, changeKopecks: 0 }, confirmedOn: 'tablet', staffSessionId: associate.sessionId,
  });
  const refund = tx(tablet, 'sale.refunded', { refundId: randomUUID(), saleId: (sale.payload as { saleId: string }).saleId, receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines: [{ sku: KETTLE.sku, qty: 1 }], staffSessionId: supervisor.sessionId });
  expect(await results(await s.push(tablet, [sale]))).toEqual(['applied']);
  expect(await results(await s.push(tablet, [refund]))).toEqual(['applied']);
  expect(await results(await s.push(kiosk, [tx(kiosk, 'assistance.requested', { requestId: randomUUID(), screen: 'code', context: { step: 'code', lang: 'ru', largeText: false, voice: false } })]))).toEqual(['applied']);
  s.bring(kiosk.deviceId, openOrder);
  expect((await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: kiosk.auth })).statusCode).toBe(201);
  expect((await s.app.inject({ method: 'POST', url: `/api/v1/orders/${openOrder}/phone-check`, headers: kiosk.auth, payload: { last4: '0000' } })).statusCode).toBeLessThan(500);
});
afterEach(() => s.close());

describe('the retention job', () => {
  it('has a rule for every table the branch’s day wrote to, and nothing of it goes on the day itself', async () => {
    const day = await counts();
    // The day above touches every table a rule keeps short or keeps as a record (order_phone_checks: the wrong digits).
    for (const table of TABLES) expect(day[table], table).toBeGreaterThan(0);
    for (const table of TABLES) expect(RETENTION_RULES.some((r) => r.table === table || r.sql.includes(`DELETE FROM ${table} `)), table).toBe(true);
    const live = `SELECT employee_no FROM staff_sign_in_failures WHERE failed_attempts > 0 UNION ALL SELECT employee_no FROM staff_sign_in_device_failures WHERE failed_attempts > 0`;
    const counting = (await s.db.query<{ employee_no: string }>(live)).rows;
    expect(counting.map((r) => r.employee_no)).toEqual(['1999', '1999']);
    const pass = await prunePass(s.db, SETTINGS);
    // A count cleared by a right PIN is no count: those rows go. The wrong try of today stays.
    expect(Object.keys(pass.deleted).sort()).toEqual(['staff_sign_in_device_failures', 'staff_sign_in_failures'].filter((t) => pass.deleted[t]));
    expect((await s.db.query(live)).rows).toEqual(counting);
    const after = await counts();
    expect(after).toEqual({ ...day, staff_sign_in_failures: after.staff_sign_in_failures, staff_sign_in_device_failures: after.staff_sign_in_device_failures });
  });

  it('three days on: live events, tickets and counts of wrong tries go; every record stays', async () => {
    const day = await counts();
    const pass = await prunePass(s.db, SETTINGS, Date.now() + 3 * DAY, 2);
    const after = await counts();
    expect(after).toMatchObject({ events: 0, event_tickets: 0, staff_sign_in_failures: 0, staff_sign_in_device_failures: 0, order_phone_checks: 0 });
    // In batches of 2: every row went, however many batches that took.
    expect(pass.deleted['events']).toBe(day.events);
    for (const table of ['transactions', 'receipts', 'audit_log', 'sales', 'sale_lines', 'refunds', 'pickup_orders', 'order_payments', 'assistance_requests', 'staff_sessions'] as const) {
      expect(after[table], table).toBe(day[table]);
    }
  });

  it('past the records’ keep period: the transaction and audit logs, sales, refunds and finished orders go; an order still on its shelf stays; the server goes on', async () => {
    const pass = await prunePass(s.db, SETTINGS, Date.now() + (SETTINGS.recordsDays + 1) * DAY, 2);
    expect(pass.deleted['transactions']).toBeGreaterThan(0);
    const after = await counts();
    for (const table of TABLES) {
      // The order still on its shelf stays, with the goods brought for it.
      if (table === 'pickup_orders' || table === 'pickup_waits') continue;
      // The open call stays: a call nobody closed is not history yet (its visit may still be on).
      if (table === 'assistance_requests') continue;
      expect(after[table], table).toBe(0);
    }
    const { rows } = await s.db.query<{ code: string }>('SELECT code FROM pickup_orders');
    expect(rows.map((r) => r.code)).toEqual([openOrder]);
    // Today's work goes on: the waiting order is handed over, and applied once.
    const handover = s.pickup(kiosk, openOrder);
    expect(await results(await s.push(kiosk, [handover]))).toEqual(['applied']);
    expect(await results(await s.push(kiosk, [handover]))).toEqual(['duplicate']);
  });

  it('is the only one that may delete from the audit log', async () => {
    await expect(s.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(s.db.query('UPDATE audit_log SET action = action')).rejects.toThrow(/append-only/);
    // Saying so outside the job's own transaction does not carry over to the next statement.
    await s.db.tx(async (q) => { await q.query(`SELECT set_config('okno.retention', 'prune', true)`); });
    await expect(s.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
