import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdentityStore } from '../../renderer/db/identity-store';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges } from '../../renderer/db/local-changes';
import { addReturnSerial, findReturnable, recordRefund, type ReturnableLine } from '../../renderer/staff/checkout/refund';
import { ApiClient } from '../../renderer/sync/api-client';
import { paperId } from '../../shared/domain/paper-id';
import type { StaffSession } from '../../shared/protocol';
import { injectFetch, type InjectFetch } from '../fakes/inject-fetch';
import { createTestServer, type TestDevice, type TestServer } from '../server/support/test-app';

/**
 * The tablet's side of a return (staff/checkout/refund.ts) against the in-process server:
 * what a receipt, an order code or a receipt's QR names, online and then offline from what
 * the tablet kept; the return queued with its slip in one unit of work.
 */
let s: TestServer;
let tablet: TestDevice;
let supervisor: StaffSession;
let net: InjectFetch;
let db: KioskDb;
let services: { db: KioskDb; identity: IdentityStore; api: ApiClient };

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  supervisor = await s.signIn(tablet, '1001', '2468');
  net = injectFetch(s.app);
  db = new KioskDb(`returns-${tablet.deviceId}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  const identity = new IdentityStore(db);
  await identity.put({ deviceId: tablet.deviceId, deviceCode: tablet.deviceCode, branchCode: 'MSK1', role: 'tablet', token: tablet.token });
  services = { db, identity, api: new ApiClient('http://okno.test', net) };
});
afterEach(() => s.close());

/** An order of two kettles handed over at a kiosk of the branch: its code and receipt number. */
async function handedOver(branch = 'MSK1'): Promise<{ code: string; number: string }> {
  const kiosk = await s.enroll(branch);
  const code = await s.putOrder(branch, { items: [{ sku: 'SKU-1', name: 'Чайник электрический', quantity: 2, priceKopecks: 199_000 }] });
  const pickup = s.pickup(kiosk, code);
  await s.push(kiosk, [pickup]);
  return { code, number: (pickup.payload as { receiptNumber: string }).receiptNumber };
}

describe('finding what goods come back from', () => {
  it('online: a handed-over order by its receipt, kept on the tablet; another branch’s by its name; an order on the shelf; nothing', async () => {
    const { code, number } = await handedOver();
    const found = await findReturnable(services, supervisor.sessionToken, ` ${number.toLowerCase()} `);
    expect(found).toMatchObject({ ok: true, fromServer: true, found: { kind: 'order', order: { orderCode: code, receiptNumber: number, paidBy: 'online' } } });
    expect(await db.handovers.get(code)).toMatchObject({ receiptNumber: number });
    const theirs = await handedOver('SPB1');
    expect(await findReturnable(services, supervisor.sessionToken, theirs.code)).toEqual({ ok: false, code: 'other-branch', branch: 'Филиал SPB1' });
    const onShelf = await s.putOrder('MSK1');
    expect(await findReturnable(services, supervisor.sessionToken, onShelf)).toEqual({ ok: false, code: 'not-handed-over', orderCode: onShelf, status: 'ready' });
    expect(await findReturnable(services, supervisor.sessionToken, 'MSK1-K77-000001')).toEqual({ ok: false, code: 'not-found' });
    expect(await findReturnable(services, supervisor.sessionToken, 'хлеб')).toEqual({ ok: false, code: 'not-found' });
  });

  it('offline: what it looked up before, by receipt, code or the receipt’s QR; another branch’s receipt by its number; else it says it cannot know', async () => {
    const { code, number } = await handedOver();
    expect(await findReturnable(services, supervisor.sessionToken, number)).toMatchObject({ ok: true });
    net.faults.offline = true;
    for (const key of [number, `${code.slice(0, 4)} ${code.slice(4)}`, `okno:receipt:${paperId('receipt', number)}`]) {
      expect(await findReturnable(services, supervisor.sessionToken, key), key).toMatchObject({ ok: true, fromServer: false, found: { kind: 'order', order: { orderCode: code } } });
    }
    expect(await findReturnable(services, supervisor.sessionToken, 'SPB1-K01-000007')).toEqual({ ok: false, code: 'other-branch', branch: 'SPB1' });
    expect(await findReturnable(services, supervisor.sessionToken, 'MSK1-K77-000001')).toEqual({ ok: false, code: 'offline-not-here' });
  });
});

describe('a return recorded on the tablet', () => {
  it('queues order.returned with its slip and what came back, in one unit of work; a second return sees the first, offline', async () => {
    const { code, number } = await handedOver();
    await db.putSetting('branch', { code: 'MSK1', name: 'Филиал MSK1', legalName: 'ООО «Тест»', inn: '7701234561', ogrn: null, address: 'г. Москва', serviceCentre: null, timeZone: 'Europe/Moscow' });
    const found = await findReturnable(services, supervisor.sessionToken, number);
    if (!found.ok || found.found.kind !== 'order') throw new Error('not found');
    const host = { print: async () => ({ ok: true as const }) };
    const first = await recordRefund({ changes: new LocalChanges(db), host }, { order: found.found.order, lines: [{ sku: 'SKU-1', qty: 1 }], staffSessionId: supervisor.sessionId, staffName: 'Ольга И.', lang: 'ru' });
    if (!first.ok) throw new Error('not recorded');
    const [queued] = await db.outbox.toArray();
    expect(queued).toMatchObject({ kind: 'order.returned', payload: { orderCode: code, receiptNumber: first.receipt.number, lines: [{ sku: 'SKU-1', qty: 1 }], staffSessionId: supervisor.sessionId, paperLang: 'ru' } });
    expect(first.receipt.document.blocks).toContainEqual({ kind: 'text', text: 'Возврат: магазин вернёт деньги онлайн', bold: true });
    net.faults.offline = true;
    const again = await findReturnable(services, supervisor.sessionToken, code);
    expect(again).toMatchObject({ ok: true, fromServer: false, found: { order: { lines: [{ sku: 'SKU-1', qty: 2, refundedQty: 1 }] } } });
  });

  it('takes a serial-numbered unit back by the serial read off it: in capitals, once, never one that came back, never more than are left', () => {
    const line: ReturnableLine = { sku: 'TV-1', name: 'Телевизор', qty: 2, priceKopecks: 100, serials: [], refundedQty: 1, refundedSerials: ['SN-1'], serialRequired: true };
    expect(addReturnSerial(line, [], ' sn-2 ')).toEqual({ ok: true, serials: ['SN-2'] });
    expect(addReturnSerial(line, [], '  ')).toEqual({ ok: false, code: 'empty' });
    expect(addReturnSerial(line, [], 'sn-1')).toEqual({ ok: false, code: 'returned' });
    expect(addReturnSerial(line, ['SN-2'], 'SN-2')).toEqual({ ok: false, code: 'duplicate' });
    expect(addReturnSerial(line, ['SN-2'], 'SN-3')).toEqual({ ok: false, code: 'all-units' });
  });
});
