import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './support/test-app';

let s: TestServer;
beforeEach(async () => {
  s = await createTestServer();
});
afterEach(() => s.close());

describe('GET /api/openapi.json and /healthz', () => {
  it('documents every route with its request and response schemas', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/admin/customers/{cardNumber}', '/api/v1/admin/customers/{cardNumber}/entries', '/api/v1/admin/orders/{code}', '/api/v1/admin/products/{sku}', '/api/v1/admin/shopper-words', '/api/v1/audit', '/api/v1/confirmations', '/api/v1/confirmations/{id}', '/api/v1/confirmations/{id}/answer',
      '/api/v1/confirmations/{id}/print', '/api/v1/confirmations/{id}/printed',
      '/api/v1/devices', '/api/v1/devices/current/rejections', '/api/v1/devices/current/status', '/api/v1/devices/enroll', '/api/v1/devices/kiosks', '/api/v1/devices/{code}/replacement', '/api/v1/devices/{code}/revoke', '/api/v1/devices/{code}/revoked-work/reviewed', '/api/v1/documents', '/api/v1/documents/prints/{printId}/printed', '/api/v1/documents/{number}/copy', '/api/v1/documents/{number}/print',
      '/api/v1/events', '/api/v1/events/poll', '/api/v1/events/ticket',
      '/api/v1/orders/{code}', '/api/v1/orders/{code}/phone-check', '/api/v1/rejections', '/api/v1/reports/day', '/api/v1/returns/{key}', '/api/v1/sales/{key}', '/api/v1/shopper-words', '/api/v1/staff/listening', '/api/v1/staff/members', '/api/v1/staff/members/{employeeNo}/{action}', '/api/v1/staff/numbers/{employeeNo}/unlock', '/api/v1/staff/pin', '/api/v1/staff/sessions', '/api/v1/staff/sessions/current', '/api/v1/staff/sessions/current/lock', '/api/v1/staff/sessions/current/unlock', '/api/v1/sync/pull', '/api/v1/sync/push',
    ]);
    expect(Object.keys(doc.paths['/api/v1/events'].get.responses['200'].content)).toEqual(['text/event-stream']);
    const signOut = doc.paths['/api/v1/staff/sessions/current'].delete;
    expect(signOut.security).toEqual([{ deviceToken: [], staffSession: [] }]);
    expect(doc.paths['/api/v1/staff/sessions'].post['x-okno-device-roles']).toEqual(['tablet']);
    const push = doc.paths['/api/v1/sync/push'].post;
    expect(push.security).toEqual([{ deviceToken: [] }]);
    const body = push.requestBody.content['application/json'].schema;
    expect(body.properties.transactions.maxItems).toBe(500);
    const result = push.responses['200'].content['application/json'].schema.properties.results.items;
    expect(result.properties.status.enum).toEqual(['applied', 'duplicate', 'rejected', 'deferred']);
    expect(result.properties.reason.enum).toContain('already-picked-up');
    expect(doc.paths['/api/v1/sync/pull'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['cursor', 'limit', 'branch', 'rotate']);
  });

  it('reports health with the database kind', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toMatchObject({ ok: true, database: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
  });
});
