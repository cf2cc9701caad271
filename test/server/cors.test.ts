import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';
import { openSse } from './support/sse';

/**
 * Pages on another origin than the API: the Electron kiosk (app://kiosk) and any origin
 * in OKNO_APP_ORIGINS. The rule comes from the route registry (server/http/cors.ts), so
 * this walks every route the server has, as the OpenAPI document (made by the registry)
 * lists them: a route a device calls that a page on another origin could not call fails here.
 */
let s: TestServer;
let kiosk: TestDevice;
const OTHER = 'https://tablets.okno.lan:8443';
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk('MSK1', { appOrigins: ['app://kiosk', OTHER] }));
});
afterEach(() => s.close());

type Operation = { method: string; path: string; admin: boolean; body: boolean; staff: boolean; tablet: boolean };
async function everyRoute(): Promise<Operation[]> {
  const doc = (await s.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { security?: Record<string, unknown>[]; requestBody?: unknown; 'x-okno-device-roles'?: string[]; 'x-okno-staff-roles'?: string[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x'),
    admin: !!op.security?.some((r) => 'adminToken' in r), body: !!op.requestBody,
    staff: !!op['x-okno-staff-roles'], tablet: !!op['x-okno-device-roles']?.includes('tablet'),
  })));
}

describe('cross-origin access, derived from the route registry', () => {
  it('every route a device calls answers a preflight from each app origin with its method and the headers it takes; no admin feed does', async () => {
    const ops = await everyRoute();
    expect(ops.filter((o) => !o.admin).length).toBeGreaterThan(25);
    for (const origin of ['app://kiosk', OTHER]) {
      for (const op of ops) {
        const res = await s.app.inject({ method: 'OPTIONS', url: op.path, headers: { origin, 'access-control-request-method': op.method, 'access-control-request-headers': 'authorization' } });
        const where = `${op.method} ${op.path} from ${origin}`;
        if (op.admin) {
          expect(res.headers['access-control-allow-origin'], where).toBeUndefined();
          continue;
        }
        expect(res.statusCode, where).toBe(204);
        expect(res.headers['access-control-allow-origin'], where).toBe(origin);
        expect(String(res.headers['access-control-allow-methods']).split(/, */), where).toContain(op.method);
        const headers = String(res.headers['access-control-allow-headers']).split(/, */);
        expect(headers, where).toEqual(expect.arrayContaining(['authorization', 'x-okno-protocol', 'x-okno-protocol-min', ...(op.body ? ['content-type'] : []), ...(op.staff || op.tablet ? ['x-staff-session'] : [])]));
      }
    }
  });

  it('a method the path does not have is not allowed', async () => {
    const res = await s.app.inject({ method: 'OPTIONS', url: '/api/v1/sync/pull', headers: { origin: 'app://kiosk', 'access-control-request-method': 'DELETE' } });
    expect(String(res.headers['access-control-allow-methods']).split(/, */)).toEqual(['GET']);
  });

  it('the answers themselves carry the header, so the page can read them', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: { ...kiosk.auth, origin: OTHER } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(OTHER);
    expect(String(res.headers.vary)).toMatch(/Origin/i);
    // What the page reads besides the body: the server's clock, and how long a busy server
    // asks it to wait (without it, a page on another origin sees no Retry-After at all).
    expect(String(res.headers['access-control-expose-headers']).toLowerCase().split(/, */)).toEqual(expect.arrayContaining(['x-okno-server-time', 'retry-after']));
  });

  it('the event stream sends the same header as every other answer', async () => {
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
    const ticket = await fetch(`${base}/api/v1/events/ticket`, { method: 'POST', headers: { ...kiosk.auth, origin: 'app://kiosk' } });
    expect(ticket.headers.get('access-control-allow-origin')).toBe('app://kiosk');
    const stream = await openSse(`${base}/api/v1/events?ticket=${((await ticket.json()) as { ticket: string }).ticket}`, { origin: 'app://kiosk' });
    expect(stream.contentType).toMatch(/text\/event-stream/);
    expect(stream.headers['access-control-allow-origin']).toBe('app://kiosk');
    stream.close();
  });

  it.each([
    ['another origin', 'https://app.evil', '/api/v1/sync/pull'],
    ['a look-alike', 'app://kiosk.evil', '/api/v1/sync/pull'],
    ['an allowed origin with another port', 'https://tablets.okno.lan:9443', '/api/v1/sync/pull'],
    ['an allowed origin on an admin feed', 'app://kiosk', '/api/v1/admin/orders/47110004'],
    ['an allowed origin on a path no route has', 'app://kiosk', '/api/v1/nothing'],
  ])('gives %s nothing to read', async (_name, origin, url) => {
    const preflight = await s.app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'PUT' } });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.statusCode).not.toBe(204);
    const get = await s.app.inject({ method: 'GET', url, headers: { ...kiosk.auth, origin } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('OKNO_APP_ORIGINS', () => {
  it('is app://kiosk by default, a list separated by commas, and refuses a URL with a path, naming the variable', () => {
    expect(loadServerConfig({}).appOrigins).toEqual(['app://kiosk']);
    expect(loadServerConfig({ OKNO_APP_ORIGINS: 'app://kiosk, https://okno.lan:8443' }).appOrigins).toEqual(['app://kiosk', 'https://okno.lan:8443']);
    expect(() => loadServerConfig({ OKNO_APP_ORIGINS: 'https://okno.lan/staff/' })).toThrow(/OKNO_APP_ORIGINS.*scheme:\/\/host\[:port\] with no path/);
  });
});
