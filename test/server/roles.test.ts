import Fastify from 'fastify';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RouteRegistry } from '../../server/http/route-registry';
import { installErrorHandler } from '../../server/http/error-handler';
import { randomUUID } from 'node:crypto';
import type { PushResponse } from '../../shared/protocol';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';

let s: TestServer;
let kiosk: TestDevice;
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk());
});
afterEach(() => s.close());

describe('who may send what', () => {
  it('rejects a transaction whose kind this device’s role may not send (role-forbidden), alone in its batch', async () => {
    const [a, b] = [await s.putOrder('MSK1', { paid: false }), await s.putOrder('MSK1')];
    // order.paid is a tablet's (a staff member's) kind: a kiosk may not send it.
    const payment = { id: randomUUID(), seq: kiosk.nextSeq++, kind: 'order.paid', occurredAt: new Date().toISOString(),
      payload: { orderCode: a, payment: { method: 'cash', amountKopecks: 199_000 }, staffSessionId: randomUUID() } };
    const res = (await s.push(kiosk, [payment, s.pickup(kiosk, b)])).json() as PushResponse;
    expect(res.results).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'role-forbidden', detail: 'a kiosk may not send order.paid' }),
      expect.objectContaining({ status: 'applied' }),
    ]);
    expect((await s.db.query<{ paid: boolean }>('SELECT paid FROM pickup_orders WHERE code = $1', [a])).rows[0]!.paid).toBe(false);
  });

  it('lets a tablet push and pull like a kiosk', async () => {
    const tablet = await s.enroll('MSK1', 'tablet');
    expect(tablet.deviceCode).toBe('MSK1-T01');
    const pull = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: tablet.auth });
    expect(pull.statusCode).toBe(200);
  });
});

describe('the route registry', () => {
  it('refuses a device route that does not say which roles may call it', () => {
    const registry = new RouteRegistry(Fastify(), { device: async () => { throw new Error('unused'); }, admin: async () => { throw new Error('unused'); }, staff: async () => { throw new Error('unused'); } });
    expect(() => registry.add({ method: 'GET', url: '/x', summary: 'x', tag: 'x', auth: 'device', response: z.object({}), handler: async () => ({}) }))
      .toThrow(/must name the roles/);
  });

  it('refuses an admin route that does not say which feed its token must be for', () => {
    const registry = new RouteRegistry(Fastify(), { device: async () => { throw new Error('unused'); }, admin: async () => { throw new Error('unused'); }, staff: async () => { throw new Error('unused'); } });
    expect(() => registry.add({ method: 'PUT', url: '/x', summary: 'x', tag: 'x', auth: 'admin', response: z.object({}), handler: async () => ({}) }))
      .toThrow(/must name its feed/);
  });

  it.each([
    ['kiosk', 403, 'role-forbidden'],
    ['tablet', 200, undefined],
  ] as const)('answers a %s on a tablet-only route with %i', async (role, status, error) => {
    const app = Fastify();
    installErrorHandler(app);
    const registry = new RouteRegistry(app, {
      device: async () => ({ id: 'd', branchId: 'b', branchCode: 'MSK1', code: 'MSK1-X01', role, place: null }),
      admin: async () => { throw new Error('unused'); },
      staff: async () => { throw new Error('unused'); },
    });
    registry.add({ method: 'GET', url: '/tablet-only', summary: 'x', tag: 'x', auth: 'device', roles: ['tablet'], response: z.object({ ok: z.boolean() }), handler: async () => ({ ok: true }) });
    const res = await app.inject({ method: 'GET', url: '/tablet-only' });
    expect(res.statusCode).toBe(status);
    if (error) expect(res.json()).toMatchObject({ error, message: 'GET /tablet-only is for tablet devices, not a kiosk' });
  });
});

describe('the protocol version', () => {
  it.each([
    ['1', undefined, 200, null],
    [undefined, undefined, 200, null],
    // A device a release ahead that still speaks this server's version is served in it.
    ['3', '1', 200, null],
    ['99', undefined, 426, /speaks sync protocol 99; this server serves 1–1: the server needs an update/],
    ['99', '2', 426, /speaks sync protocol 2–99; this server serves 1–1: the server needs an update/],
    ['0', undefined, 426, /the device needs an update/],
    ['one', undefined, 400, /x-okno-protocol: expected a whole number/],
    ['2', 'x', 400, /x-okno-protocol-min: expected a whole number/],
  ])('answers a device that speaks up to %s (from %s) with %i, saying which version it serves', async (version, min, status, message) => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: { ...kiosk.auth, ...(version ? { 'x-okno-protocol': version } : {}), ...(min ? { 'x-okno-protocol-min': min } : {}) } });
    expect(res.statusCode).toBe(status);
    if (status === 200) expect(res.headers['x-okno-protocol']).toBe('1');
    if (message) expect(res.json().message).toMatch(message);
    if (status === 426) expect(res.json().error).toBe('protocol-version');
  });
});
