import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

let s: TestServer;
let kioskA: TestDevice;
beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  kioskA = await s.enroll('MSK1');
});
afterEach(() => s.close());

describe('who may read and write what', () => {
  it('lets a device read its own branch’s order and not another branch’s (403)', async () => {
    const mine = await s.putOrder('MSK1');
    const theirs = await s.putOrder('SPB1');
    const ok = await s.app.inject({ method: 'GET', url: `/api/v1/orders/${mine}`, headers: kioskA.auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ code: mine, customerShortName: 'Иван П.' });
    const denied = await s.app.inject({ method: 'GET', url: `/api/v1/orders/${theirs}`, headers: kioskA.auth });
    expect(denied.statusCode).toBe(403);
    expect(denied.body).not.toContain('Иван');
  });

  it('answers 404 for an unknown order and 400 for a mistyped code, before any look-up', async () => {
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/orders/00000000', headers: kioskA.auth })).statusCode).toBe(404);
    const typo = await s.app.inject({ method: 'GET', url: '/api/v1/orders/00000001', headers: kioskA.auth });
    expect(typo.statusCode).toBe(400);
    expect(typo.json()).toMatchObject({ field: 'code' });
  });

  it.each([
    ['no header', {}],
    ['a malformed header', { authorization: 'Token abc' }],
    ['an unknown device token', { authorization: 'Bearer okd_unknown' }],
    ['an admin token', { authorization: 'Bearer oka_x' }],
  ])('answers 401 to a device route with %s', async (_name, headers) => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthorized', requestId: expect.any(String) });
  });

  it('refuses the admin feeds to a device token (401)', async () => {
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/admin/products/SKU-1', headers: kioskA.auth, payload: {} });
    expect(res.statusCode).toBe(401);
  });

  it('enrols a device once per code; the code cannot be used again', async () => {
    const { code } = await s.services.enrollment.createCode({ branchCode: 'SPB1', role: 'tablet' });
    const first = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: code.toLowerCase().replace('-', ' ') } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ branchCode: 'SPB1', deviceCode: 'SPB1-T01', role: 'tablet', token: expect.stringMatching(/^okd_/) });
    const again = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code } });
    expect(again.statusCode).toBe(401);
    expect(again.json().message).toMatch(/unknown, used or expired/);
    const { rows } = await s.db.query<{ h: string }>('SELECT token_hash AS h FROM devices WHERE code = $1', ['SPB1-T01']);
    expect(rows[0]!.h).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.h).not.toContain(first.json().token);
  });

  it('will not re-open a picked-up order from the admin feed (409)', async () => {
    const code = await s.putOrder('MSK1');
    await s.push(kioskA, [s.pickup(kioskA, code)]);
    const res = await s.app.inject({
      method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: s.adminAuth,
      payload: { branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+79161234567', items: [{ sku: 'A', name: 'Чайник', quantity: 1, priceKopecks: 100 }], paid: true },
    });
    expect(res.statusCode).toBe(409);
    expect(await s.orderStatus(code)).toBe('picked_up');
  });
});
