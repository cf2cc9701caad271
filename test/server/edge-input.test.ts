import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';

/**
 * Issue 18, item 3: every body, query and path is checked before any schema or database
 * sees it: text that cannot be stored or printed, and nesting past 32 levels, answer 400
 * naming the field, and change nothing. (A push's transactions are checked one by one:
 * test/server/poison.test.ts.)
 */
let s: TestServer;
let kiosk: TestDevice;
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk());
});
afterEach(() => s.close());

const order = (customerName: string) => ({
  branchCode: 'MSK1', customerName, phone: '+79161234567', paid: true, shelf: 'B4', status: 'ready',
  items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199_000 }],
});

describe('text that cannot be stored or printed never gets in', () => {
  it.each([
    ['a right-to-left override in a customer’s name (it would print reversed)', 'Иван \u202eвортеП', /customerName: .*invisible direction/],
    ['an ESC/POS command in a name (it would drive the printer)', 'Иван\u001b@', /customerName: .*control character/],
    ['a zero-width space in a name', 'Ив\u200bан', /customerName: .*zero-width/],
    ['a lone surrogate in a name', 'Иван \ud83d', /customerName: .*broken character/],
    ['NUL in a name', 'Иван\u0000', /customerName: .*control character/],
  ])('the shop feed with %s → 400 naming the field, no order made', async (_name, customerName, message) => {
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/admin/orders/47110004', headers: s.adminAuth, payload: order(customerName) });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'customerName', message: expect.stringMatching(message) });
    expect(await s.orderStatus('47110004')).toBeUndefined();
  });

  it('a name with an emoji and ё is taken as it is', async () => {
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/admin/orders/47110004', headers: s.adminAuth, payload: order('Пётр 😀 Иванов') });
    expect(res.statusCode).toBeLessThan(300);
  });

  it('a body nested 40 levels deep → 400, whatever the route', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { x: deep };
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/admin/orders/47110004', headers: s.adminAuth, payload: { ...order('Иван Петров'), extra: deep } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/nested deeper than 32/);
  });

  it('NUL in a query → 400 naming it', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull?cursor=%00', headers: kiosk.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'cursor' });
  });

  it('a device status or a back-office feed with a time the database would give back as year 10000 → 400, and the lists that read it stay up', async () => {
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/devices/current/status', headers: kiosk.auth,
      payload: { queued: 1, oldestQueuedAt: '9999-12-31T23:59:59-14:00', quarantined: 0, printer: 'ok', appVersion: '1.0.0' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'oldestQueuedAt' });
  });

  it.each([
    ['an xid past what PostgreSQL has', { v: 2, orders: ['99999999999999999999', ''], products: ['0', ''], passbooks: ['0', ''] }],
    ['NUL in a position', { v: 2, orders: ['0', '\u0000'], products: ['0', ''], passbooks: ['0', ''] }],
    ['a lone surrogate in a position', { v: 2, orders: ['0', ''], products: ['0', '\ud800'], passbooks: ['0', ''] }],
    ['a card number where a card’s keyed hash goes', { v: 2, orders: ['0', ''], products: ['0', ''], passbooks: ['0', '4600000000008'] }],
  ])('a crafted pull cursor with %s → 400 naming the cursor', async (_name, cursor) => {
    const text = Buffer.from(JSON.stringify(cursor)).toString('base64url');
    const res = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${text}`, headers: kiosk.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'cursor' });
  });

  it('a push whose kind is no kind name → 400 naming it (its log row could not be written)', async () => {
    const res = await s.push(kiosk, [{ id: randomUUID(), seq: 1, kind: 'order.picked\u0000Up', occurredAt: new Date().toISOString(), payload: {} }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'transactions.0.kind' });
  });
});
