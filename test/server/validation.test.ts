import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';

let s: TestServer;
let kiosk: TestDevice;
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk());
});
afterEach(() => s.close());

const tx = () => ({ id: randomUUID(), seq: 1, kind: 'order.pickedUp', occurredAt: new Date().toISOString(), payload: {} });

describe('bad input gets a 4xx that names the field, never a 500', () => {
  it.each([
    ['an empty object', 'transactions', {}],
    ['no transactions', 'transactions', { transactions: [] }],
    ['a transaction id that is not a UUID', 'transactions.0.id', { transactions: [{ ...tx(), id: 'abc' }] }],
    ['seq zero', 'transactions.0.seq', { transactions: [{ ...tx(), seq: 0 }] }],
    ['an empty occurredAt', 'transactions.0.occurredAt', { transactions: [{ ...tx(), occurredAt: '' }] }],
    ['a payload that is a string', 'transactions.0.payload', { transactions: [{ ...tx(), payload: 'x' }] }],
    ['501 transactions', 'transactions', { transactions: Array.from({ length: 501 }, tx) }],
  ])('push with %s → 400 naming %s', async (_name, field, payload) => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: kiosk.auth, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field, requestId: expect.any(String) });
    expect(res.json().message).toContain(field);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await s.app.inject({
      method: 'POST', url: '/api/v1/sync/push', headers: { ...kiosk.auth, 'content-type': 'application/json' }, payload: '{"transactions": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await s.app.inject({
      method: 'POST', url: '/api/v1/sync/push', headers: { ...kiosk.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ transactions: [{ ...tx(), payload: { pad: 'x'.repeat(2 * 1024 * 1024) } }] }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: 'body-too-large' });
  });

  it('answers a body in a format it does not read with 415, and an enrol without a body with 400', async () => {
    const text = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', headers: { 'content-type': 'application/xml' }, payload: '<code/>' });
    expect(text.statusCode).toBe(415);
    const none = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'body' });
  });

  it.each([
    ['a mistyped order code in the path', 'code', '/api/v1/admin/orders/47110005', { branchCode: 'MSK1' }],
    ['an unknown branch', 'branchCode', '/api/v1/admin/orders/47110004', { branchCode: 'NOPE', customerName: 'Иван Петров', phone: '+79161234567', items: [{ sku: 'A', name: 'Чайник', quantity: 1, priceKopecks: 100 }], paid: true }],
    ['a fractional price', 'items.0.priceKopecks', '/api/v1/admin/orders/47110004', { branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+79161234567', items: [{ sku: 'A', name: 'Чайник', quantity: 1, priceKopecks: 99.5 }], paid: true }],
    ['a bad EAN-13 check digit', 'ean13', '/api/v1/admin/products/SKU-1', { ean13: '4601234567890', nameRu: 'Чайник', nameEn: 'Kettle', priceKopecks: 100, warrantyMonths: 12, serialRequired: false }],
  ])('admin feed with %s → 400 naming %s', async (_name, field, url, payload) => {
    const res = await s.app.inject({ method: 'PUT', url, headers: s.adminAuth, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field });
  });

  it('answers an unknown route with a JSON 404 and sends security headers', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('never answers 500 to any JSON a client could send to push or enrol', async () => {
    const envelope = fc.record({
      id: fc.oneof(fc.uuid(), fc.string()), seq: fc.oneof(fc.integer(), fc.double(), fc.string()),
      kind: fc.oneof(fc.constant('order.pickedUp'), fc.string()), occurredAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
      payload: fc.oneof(fc.object(), fc.record({ orderCode: fc.string(), receiptNumber: fc.string(), verifiedBy: fc.string() })),
    }, { requiredKeys: [] });
    const body = fc.oneof(fc.json(), fc.record({ transactions: fc.array(envelope, { maxLength: 5 }) }).map((b) => JSON.stringify(b)));
    await fc.assert(fc.asyncProperty(body, fc.constantFrom('/api/v1/sync/push', '/api/v1/devices/enroll'), async (payload, url) => {
      const res = await s.app.inject({ method: 'POST', url, headers: { ...kiosk.auth, 'content-type': 'application/json' }, payload });
      expect(res.statusCode, res.body).toBeLessThan(500);
    }), { numRuns: 150 });
  });
});
