import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';

/** The Electron kiosk's page (origin app://kiosk) calls the server across origins. */
let s: TestServer;
let kiosk: TestDevice;
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk());
});
afterEach(() => s.close());

describe('cross-origin access for the Electron kiosk', () => {
  it.each([
    ['POST', '/api/v1/sync/push'],
    ['GET', '/api/v1/sync/pull?cursor=x'],
    ['POST', '/api/v1/devices/enroll'],
    ['GET', '/api/v1/orders/47110004'],
  ])('answers the preflight of %s %s from app://kiosk', async (method, url) => {
    const res = await s.app.inject({ method: 'OPTIONS', url, headers: { origin: 'app://kiosk', 'access-control-request-method': method, 'access-control-request-headers': 'authorization, content-type' } });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('app://kiosk');
    expect(res.headers['access-control-allow-methods']).toContain(method);
    expect(res.headers['access-control-allow-headers']).toContain('authorization');
  });

  it('lets the kiosk page read a pull', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: { ...kiosk.auth, origin: 'app://kiosk' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('app://kiosk');
  });

  it.each([
    ['another origin', 'https://app.evil', '/api/v1/sync/pull'],
    ['a look-alike', 'app://kiosk.evil', '/api/v1/sync/pull'],
    ['the kiosk origin on an admin feed', 'app://kiosk', '/api/v1/admin/orders/47110004'],
  ])('gives %s nothing to read', async (_name, origin, url) => {
    const res = await s.app.inject({ method: 'OPTIONS', url, headers: { origin, 'access-control-request-method': 'PUT' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.statusCode).not.toBe(204);
  });
});
