import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { OrderInput, PushResponse, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * A pickup order between the shop's feed and the branch: goods leave only paid for, and
 * the feed never takes back a payment or a handover the branch recorded; on PGlite and
 * PostgreSQL (the race of feeds and pickups on PostgreSQL only: PGlite has one connection).
 */
let s: TestServer;
let kiosk: TestDevice;
let tablet: TestDevice;
let session: StaffSession;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  kiosk = await s.enroll('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  session = (await s.signIn(tablet, '1002', '1357'));
});
afterEach(() => s.close());

const paid = (orderCode: string): TransactionEnvelope => ({
  id: randomUUID(), seq: tablet.nextSeq++, kind: 'order.paid', occurredAt: new Date().toISOString(),
  payload: { orderCode, payment: { method: 'cash', amountKopecks: 199_000, tenderedKopecks: 200_000, changeKopecks: 1_000 }, staffSessionId: session.sessionId },
});
/** A handover at the tablet: staff checked the customer's ID. */
const handedOverAtDesk = (orderCode: string): TransactionEnvelope => ({
  id: randomUUID(), seq: tablet.nextSeq++, kind: 'order.pickedUp', occurredAt: new Date().toISOString(),
  payload: { orderCode, receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), verifiedBy: 'staff', staffSessionId: session.sessionId },
});
const outcome = async (device: TestDevice, txs: TransactionEnvelope[]) => ((await s.push(device, txs)).json() as PushResponse).results.map((r) => r.reason ?? r.status);
const order = async (code: string) => (await s.db.query<{ status: string; paid: boolean }>('SELECT status, paid FROM pickup_orders WHERE code = $1', [code])).rows[0];
const receipts = async (code: string) => (await s.db.query('SELECT number FROM receipts WHERE order_code = $1', [code])).rows.length;
const feed = (code: string, overrides: Partial<OrderInput> = {}) => s.app.inject({
  method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: s.adminAuth,
  payload: { branchCode: 'MSK1', customerName: 'Иван Петрович Петров', phone: '+7 916 123-45-67', items: [{ sku: 'SKU-1', name: 'Чайник электрический', quantity: 1, priceKopecks: 199_000 }], paid: true, shelf: 'B4', status: 'ready', ...overrides },
});

/** The pickup counter's own transactions, as the kiosk and the tablet send them. */
const counter = (device: TestDevice, kind: 'pickup.waiting' | 'pickup.brought', orderCode: string): TransactionEnvelope => ({
  id: randomUUID(), seq: device.nextSeq++, kind, occurredAt: new Date().toISOString(),
  payload: kind === 'pickup.brought' ? { orderCode, staffSessionId: session.sessionId } : { orderCode },
});

describe('a kiosk hands over only goods staff brought to it', () => {
  it('on the customer’s word alone (no wait, or waiting with nothing brought, or brought to another kiosk) it is refused not-brought, alone in its batch; replayed, the same', async () => {
    const other = await s.enroll('MSK1');
    const [alone, waited, elsewhere, brought] = [await s.putOrder('MSK1'), await s.putOrder('MSK1'), await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    expect(await outcome(kiosk, [counter(kiosk, 'pickup.waiting', waited), counter(kiosk, 'pickup.waiting', brought)])).toEqual(['applied', 'applied']);
    expect(await outcome(other, [counter(other, 'pickup.waiting', elsewhere)])).toEqual(['applied']);
    expect(await outcome(tablet, [counter(tablet, 'pickup.brought', elsewhere), counter(tablet, 'pickup.brought', brought)])).toEqual(['applied', 'applied']);
    const word = [alone, waited, elsewhere].map((code) => s.pickup(kiosk, code, { brought: false }));
    const handover = s.pickup(kiosk, brought, { brought: false });
    expect(await outcome(kiosk, [...word, handover])).toEqual(['not-brought', 'not-brought', 'not-brought', 'applied']);
    // Sent again (the kiosk never heard the answer), each gets the same answer and changes nothing.
    for (let i = 0; i < 3; i++) expect(await outcome(kiosk, word)).toEqual(['not-brought', 'not-brought', 'not-brought']);
    for (const code of [alone, waited, elsewhere]) {
      expect(await order(code)).toEqual({ status: 'ready', paid: true });
      expect(await receipts(code)).toBe(0);
    }
    expect(await order(brought)).toEqual({ status: 'picked_up', paid: true });
    // The refusal is kept for staff, in words.
    const { rows } = await s.db.query<{ reason: string }>("SELECT reason FROM transactions WHERE status = 'rejected' AND kind = 'order.pickedUp'");
    expect(rows.map((r) => r.reason)).toEqual(['not-brought', 'not-brought', 'not-brought']);
  });

  it('50 concurrent copies of a handover of brought goods apply once; the staff member’s handover at the desk needs no wait', async () => {
    const [code, atDesk] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    await outcome(kiosk, [counter(kiosk, 'pickup.waiting', code)]);
    await outcome(tablet, [counter(tablet, 'pickup.brought', code)]);
    const handover = s.pickup(kiosk, code, { brought: false });
    const copies = await Promise.all(Array.from({ length: 50 }, () => outcome(kiosk, [handover])));
    expect(copies.flat().sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    expect(await receipts(code)).toBe(1);
    expect(await outcome(tablet, [handedOverAtDesk(atDesk)])).toEqual(['applied']);
  });
});

describe('an unpaid order cannot be handed over', () => {
  it('a kiosk’s handover of an unpaid order is rejected not-paid, alone in its batch: the order stays on the shelf, no receipt', async () => {
    const [unpaid, prepaid] = [await s.putOrder('MSK1', { paid: false }), await s.putOrder('MSK1')];
    expect(await outcome(kiosk, [s.pickup(kiosk, unpaid), s.pickup(kiosk, prepaid)])).toEqual(['not-paid', 'applied']);
    expect(await order(unpaid)).toEqual({ status: 'ready', paid: false });
    expect(await receipts(unpaid)).toBe(0);
  });

  it('paid at the desk first, it is handed over: by a kiosk after the tablet’s payment, or by the tablet in one batch, payment then handover', async () => {
    const [atKiosk, atDesk] = [await s.putOrder('MSK1', { paid: false }), await s.putOrder('MSK1', { paid: false })];
    expect(await outcome(tablet, [paid(atKiosk)])).toEqual(['applied']);
    expect(await outcome(kiosk, [s.pickup(kiosk, atKiosk)])).toEqual(['applied']);
    expect(await outcome(tablet, [paid(atDesk), handedOverAtDesk(atDesk)])).toEqual(['applied', 'applied']);
    for (const code of [atKiosk, atDesk]) expect(await order(code)).toEqual({ status: 'picked_up', paid: true });
    // The other way round in one batch the handover comes first, unpaid: refused, and the payment still counts.
    const backwards = await s.putOrder('MSK1', { paid: false });
    expect(await outcome(tablet, [handedOverAtDesk(backwards), paid(backwards)])).toEqual(['not-paid', 'applied']);
  });
});

describe('the shop’s feed never takes back what the branch recorded', () => {
  it('re-sent with paid: false after the desk took the payment, the order stays paid; a second payment is already-paid, not a 500', async () => {
    const code = await s.putOrder('MSK1', { paid: false });
    expect(await outcome(tablet, [paid(code)])).toEqual(['applied']);
    const again = await feed(code, { paid: false, shelf: 'C1' });
    expect(again.statusCode, again.body).toBe(200);
    expect(await order(code)).toEqual({ status: 'ready', paid: true });
    const seen = (await s.app.inject({ method: 'GET', url: `/api/v1/orders/${code}`, headers: kiosk.auth })).json() as { paid: boolean; paidBy: string; shelf: string };
    expect(seen).toMatchObject({ paid: true, paidBy: 'cash', shelf: 'C1' });
    const second = await s.push(tablet, [paid(code), handedOverAtDesk(code)]);
    expect(second.statusCode).toBe(200);
    expect((second.json() as PushResponse).results.map((r) => r.reason ?? r.status)).toEqual(['already-paid', 'applied']);
    expect((await s.db.query('SELECT 1 FROM order_payments WHERE order_code = $1', [code])).rows).toHaveLength(1);
  });

  it('an order paid online may be un-paid by the shop (its own payment); a handed-over order is refused (409) and stays picked up', async () => {
    const online = await s.putOrder('MSK1');
    expect((await feed(online, { paid: false })).statusCode).toBe(200);
    expect(await order(online)).toEqual({ status: 'ready', paid: false });
    const gone = await s.putOrder('MSK1');
    expect(await outcome(kiosk, [s.pickup(kiosk, gone)])).toEqual(['applied']);
    const res = await feed(gone, { status: 'ready' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'order-picked-up' });
    expect(await order(gone)).toEqual({ status: 'picked_up', paid: true });
  });

  it.runIf(process.env.DATABASE_URL)('on PostgreSQL, 20 feeds racing pickups of the same orders never un-pick an order that was handed over', async () => {
    const kiosks = [kiosk, ...(await Promise.all(Array.from({ length: 3 }, () => s.enroll('MSK1'))))];
    for (let round = 0; round < 5; round++) {
      const codes = await Promise.all(Array.from({ length: 20 }, () => s.putOrder('MSK1')));
      const pickups = kiosks.map((k, i) => s.push(k, codes.filter((_, j) => j % kiosks.length === i).map((c) => s.pickup(k, c))));
      const feeds = codes.map((c) => feed(c, { shelf: `R${round}` }));
      const [pushed, fed] = await Promise.all([Promise.all(pickups), Promise.all(feeds)]);
      expect(fed.map((r) => r.statusCode).filter((status) => status !== 200 && status !== 409)).toEqual([]);
      const applied = pushed.flatMap((r) => (r.json() as PushResponse).results).filter((r) => r.status === 'applied');
      expect(applied).toHaveLength(20);
      const statuses = await Promise.all(codes.map(order));
      expect(statuses.filter((o) => o!.status !== 'picked_up')).toEqual([]);
    }
  });
});
