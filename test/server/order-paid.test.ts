import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Payment, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';
import { pushResults as results } from './support/push-results';

/** order.paid: staff record a payment on the tablet; exactly once, on PGlite and PostgreSQL. */
let s: TestServer;
let tablet: TestDevice;
let session: StaffSession;
const TOTAL = 199_000; // the test order's one item

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Орлов', role: 'associate', pin: '1357' });
  session = await signIn(tablet);
});
afterEach(() => s.close());

async function signIn(device: TestDevice): Promise<StaffSession> {
  return s.signIn(device, '1002', '1357');
}

const cash = (amount = TOTAL, tendered = 200_000): Payment => ({ method: 'cash', amountKopecks: amount, tenderedKopecks: tendered, changeKopecks: tendered - amount });

function paid(device: TestDevice, orderCode: string, options: { payment?: Payment; sessionId?: string; at?: Date } = {}): TransactionEnvelope {
  return {
    id: randomUUID(), seq: device.nextSeq++, kind: 'order.paid', occurredAt: (options.at ?? new Date()).toISOString(),
    payload: { orderCode, payment: options.payment ?? cash(), staffSessionId: options.sessionId ?? session.sessionId },
  };
}
const payments = async (code: string) =>
  (await s.db.query<{ method: string; amount: number; change: number | null }>(
    'SELECT method, amount_kopecks AS amount, change_kopecks AS change FROM order_payments WHERE order_code = $1', [code])).rows;
const isPaid = async (code: string) => (await s.db.query<{ paid: boolean }>('SELECT paid FROM pickup_orders WHERE code = $1', [code])).rows[0]!.paid;

describe('order.paid', () => {
  it('marks an unpaid order paid and keeps the payment with the staff session', async () => {
    const code = await s.putOrder('MSK1', { paid: false });
    expect(results(await s.push(tablet, [paid(tablet, code)]))).toEqual([expect.objectContaining({ status: 'applied' })]);
    expect(await isPaid(code)).toBe(true);
    expect(await payments(code)).toEqual([{ method: 'cash', amount: TOTAL, change: 1_000 }]);
  });

  it('50 concurrent copies apply once; every push replayed three times leaves the state of one', async () => {
    const code = await s.putOrder('MSK1', { paid: false });
    const tx = paid(tablet, code);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    const statuses = all.map((r) => results(r)[0]!.status);
    expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(49);
    const [a, b] = [await s.putOrder('MSK1', { paid: false }), await s.putOrder('MSK1', { paid: false })];
    const batch = [paid(tablet, a), paid(tablet, b, { payment: { method: 'card', amountKopecks: TOTAL, terminalRef: '123456789012' } })];
    for (let i = 0; i < 3; i++) expect(results(await s.push(tablet, batch)).map((r) => r.status)).toEqual(i === 0 ? ['applied', 'applied'] : ['duplicate', 'duplicate']);
    for (const c of [code, a, b]) expect(await payments(c)).toHaveLength(1);
    expect((await s.db.query('SELECT 1 FROM transactions')).rows).toHaveLength(3);
  });

  it('rejects, each alone in its batch: paid twice, a wrong amount, cancelled, picked up, another branch, an unknown order', async () => {
    const twice = await s.putOrder('MSK1', { paid: false });
    const wrongAmount = await s.putOrder('MSK1', { paid: false });
    const cancelled = await s.putOrder('MSK1', { paid: false, status: 'cancelled' });
    const alreadyPaid = await s.putOrder('MSK1', { paid: true });
    const theirs = await s.putOrder('SPB1', { paid: false });
    const pickedUp = await s.putOrder('MSK1', { paid: true });
    const kiosk = await s.enroll('MSK1');
    expect(results(await s.push(kiosk, [s.pickup(kiosk, pickedUp)]))[0]).toMatchObject({ status: 'applied' });
    const batch = [
      paid(tablet, twice), paid(tablet, twice), paid(tablet, wrongAmount, { payment: cash(100_000) }), paid(tablet, cancelled),
      paid(tablet, alreadyPaid), paid(tablet, theirs), paid(tablet, '00000000'), paid(tablet, pickedUp),
    ];
    expect(results(await s.push(tablet, batch)).map((r) => r.reason ?? r.status)).toEqual([
      'applied', 'already-paid', 'amount-mismatch', 'order-cancelled', 'already-paid', 'other-branch', 'unknown-order', 'already-picked-up',
    ]);
    expect(await isPaid(wrongAmount)).toBe(false);
    expect(await payments(twice)).toHaveLength(1);
  });

  it('refuses cash whose change does not add up, naming the field', async () => {
    const code = await s.putOrder('MSK1', { paid: false });
    const [r] = results(await s.push(tablet, [paid(tablet, code, { payment: { method: 'cash', amountKopecks: TOTAL, tenderedKopecks: 200_000, changeKopecks: 5_000 } })]));
    expect(r).toMatchObject({ status: 'rejected', reason: 'invalid-payload', detail: expect.stringMatching(/^payload\.payment\.changeKopecks/) });
  });

  it('accepts it only with a staff session of this tablet that was open at the time', async () => {
    const codes = await Promise.all(Array.from({ length: 5 }, () => s.putOrder('MSK1', { paid: false })));
    const otherTablet = await s.enroll('MSK1', 'tablet');
    const kiosk = await s.enroll('MSK1');
    const before = new Date(Date.parse(session.expiresAt) - 9 * 3600_000); // an hour before it opened
    expect(results(await s.push(otherTablet, [paid(otherTablet, codes[0]!)]))[0]).toMatchObject({ reason: 'staff-session-invalid' });
    expect(results(await s.push(tablet, [paid(tablet, codes[1]!, { sessionId: randomUUID() })]))[0]).toMatchObject({ reason: 'staff-session-invalid' });
    expect(results(await s.push(tablet, [paid(tablet, codes[2]!, { at: before })]))[0]).toMatchObject({ reason: 'staff-session-invalid' });
    expect(results(await s.push(kiosk, [paid(kiosk, codes[3]!)]))[0]).toMatchObject({ reason: 'role-forbidden' });
    // Signed out: a payment made before still counts (it syncs later), one made after does not.
    const madeBefore = paid(tablet, codes[4]!);
    await s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: { ...tablet.auth, 'x-staff-session': session.sessionToken } });
    const madeAfter = paid(tablet, codes[0]!, { at: new Date(Date.now() + 3600_000) });
    expect(results(await s.push(tablet, [madeBefore, madeAfter])).map((r) => r.reason ?? r.status)).toEqual(['applied', 'staff-session-invalid']);
    for (const c of codes.slice(0, 4)) expect(await isPaid(c)).toBe(false);
  });
});
