import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatusReport, StaffSession } from '../../shared/protocol';
import { APP_VERSION } from '../../shared/version';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * Input that matches a loose pattern and then broke the database (a 500): impossible dates,
 * route parameters with NUL or a lone surrogate, counts beyond the column. Each is a 400
 * naming what is wrong, and nothing is stored; on PGlite and PostgreSQL.
 */
let s: TestServer;
let kiosk: TestDevice;
let tablet: TestDevice;
let supervisor: StaffSession;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  kiosk = await s.enroll('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  supervisor = await s.signIn(tablet, '1001', '2468');
});
afterEach(() => s.close());

const asStaff = () => ({ ...tablet.auth, 'x-staff-session': supervisor.sessionToken });

describe('dates in a query', () => {
  const routes = ['/api/v1/reports/day', '/api/v1/audit', '/api/v1/documents'];
  const impossible = ['2026-13-45', '2026-02-30', '0000-01-01', '3000-01-01', '2027-02-29'];

  it.each(routes)('%s answers 400 naming the date for a day the calendar does not have', async (route) => {
    for (const date of impossible) {
      const res = await s.app.inject({ method: 'GET', url: `${route}?date=${date}`, headers: asStaff() });
      expect(res.statusCode, `${route} ${date}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-query', field: 'date' });
    }
  });

  it.each(routes)('%s still serves a real day, 29 February of a leap year included', async (route) => {
    for (const date of ['2028-02-29', '2026-12-31']) {
      const res = await s.app.inject({ method: 'GET', url: `${route}?date=${date}`, headers: asStaff() });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
});

describe('route parameters', () => {
  type Operation = { 'x-okno-device-roles'?: ('kiosk' | 'tablet')[]; 'x-okno-staff-roles'?: string[]; security?: Record<string, unknown>[] };

  /** Whoever may call the route: its admin token, or a device of its first role (with the supervisor's session where staff sign). */
  const callerOf = (op: Operation) => {
    if (op.security?.some((s) => 'adminToken' in s)) return s.adminAuth;
    const role = op['x-okno-device-roles']?.[0];
    if (!role) return {};
    if (role === 'kiosk') return kiosk.auth;
    return op['x-okno-staff-roles'] ? asStaff() : tablet.auth;
  };

  it('every route with parameters (the registry, as its OpenAPI document lists it) answers NUL, a lone surrogate, 5,000 characters and a value it cannot be with a 4xx, never a 5xx', async () => {
    const doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const withParams = Object.entries(doc.paths).filter(([path]) => path.includes('{'));
    expect(withParams.length).toBeGreaterThanOrEqual(10);
    for (const [path, operations] of withParams) {
      for (const [method, op] of Object.entries(operations)) {
        // NUL, a lone surrogate, longer than any parameter, and text that is no such thing (a space inside)
        for (const [name, value] of [['nul', '%00'], ['surrogate', '%ED%A0%80'], ['long', 'A'.repeat(5_000)], ['nul-inside', 'MSK1-K01-00004%002'], ['not-one', 'not%20it']] as const) {
          const url = path.replace(/\{\w+\}/g, value);
          const res = await s.app.inject({ method: method.toUpperCase() as 'GET', url, headers: callerOf(op), payload: method === 'get' ? undefined : {} });
          expect(res.statusCode, `${method.toUpperCase()} ${url.slice(0, 80)}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          // A value the parameter cannot be: 400 naming it; longer than any parameter, 414 before any handler.
          expect([400, 414]).toContain(res.statusCode);
          // (A lone surrogate is refused by Fastify itself, before the route: a bad URL.)
          // Every parameter of the path is wrong here: the 400 names one of them.
          if (res.statusCode === 400 && name !== 'surrogate') expect([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]), `${method} ${path} ${name}`).toContain(res.json().field);
        }
      }
    }
  });

  it('a document copy: NUL in the number is a 400 naming it; a real number of nobody is still a 404; a passbook printout’s id is a number', async () => {
    const nul = await s.app.inject({ method: 'GET', url: '/api/v1/documents/%00/copy', headers: asStaff() });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ error: 'invalid-params', field: 'number' });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/documents/msk1-k01-000042/copy', headers: asStaff() })).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/documents/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/copy', headers: asStaff() })).statusCode).toBe(404);
    const sale = await s.app.inject({ method: 'GET', url: '/api/v1/sales/%00', headers: asStaff() });
    expect(sale.json()).toMatchObject({ error: 'invalid-params', field: 'key' });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sales/okno:receipt:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', headers: asStaff() })).statusCode).toBe(404);
  });
});

describe('a device status report', () => {
  const report = (overrides: Partial<DeviceStatusReport> = {}): DeviceStatusReport =>
    ({ queued: 0, oldestQueuedAt: null, quarantined: 0, printer: 'ok', appVersion: APP_VERSION, unprinted: [], syncProblem: null, speech: null, ...overrides });
  const put = (body: object) => s.app.inject({ method: 'PUT', url: '/api/v1/devices/current/status', headers: kiosk.auth, payload: body });
  const stored = async () => (await s.db.query<{ queued: number }>('SELECT queued FROM device_status')).rows;

  it.each([
    ['queued', { queued: 2 ** 31 }], ['queued', { queued: Number.MAX_SAFE_INTEGER }], ['quarantined', { quarantined: 2 ** 31 }],
    ['oldestQueuedAt', { queued: 1, oldestQueuedAt: '0000-01-01T00:00:00Z' }], ['oldestQueuedAt', { queued: 1, oldestQueuedAt: '2026-01-01T00:00:00+23:59' }],
  ] as const)('with %s beyond what the server keeps (%j) is a 400 naming it; nothing is stored', async (field, overrides) => {
    const res = await put(report(overrides));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid-body', field });
    expect(await stored()).toEqual([]);
  });

  it('with the largest count the server keeps is stored', async () => {
    expect((await put(report({ queued: 2 ** 31 - 1, quarantined: 2 ** 31 - 1 }))).statusCode).toBe(200);
    expect(await stored()).toEqual([{ queued: 2 ** 31 - 1 }]);
  });
});
