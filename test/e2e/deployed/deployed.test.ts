import { journeysAs } from './journeys';

/**
 * The kiosk's and the tablet's journeys again as a branch runs them: the pages served from
 * another origin than the API (the built bundle on a second port, allowed through
 * OKNO_APP_ORIGINS), as the Electron kiosk (app://kiosk) and a tablet page hosted
 * elsewhere reach the server, and both over HTTPS with a certificate generated for
 * 127.0.0.1 (OKNO_TLS_CERT and OKNO_TLS_KEY): a pickup with the goods brought, a call for
 * help accepted, a cart confirmed at the kiosk, a КОПИЯ printed at the kiosk, a passbook
 * printed, a rejected transaction resolved, event streams and all.
 */
await journeysAs('deployed');

const { describe, expect, it } = await import('vitest');
const { kioskSuite } = await import('../support/suite');
const { findChromium } = await import('../support/chromium');

describe.skipIf(!findChromium())('the pages really are on another origin, over HTTPS', () => {
  const suite = kioskSuite();
  it('a kiosk page from the page server is a secure context over TLS, calls the API on its own origin across origins, and keeps the address for its next load', async () => {
    const origins = new Set<string>();
    const k = await suite.openKiosk();
    const api = new URL(suite.server.url()).origin;
    expect(api).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(k.page.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/kiosk\//);
    expect(new URL(k.page.url()).origin).not.toBe(api);
    expect(await k.page.evaluate(() => window.isSecureContext)).toBe(true);
    // allHeaders of a request still in flight when the page closes rejects: those are not wanted.
    const seen = (r: import('playwright-core').Request) => {
      if (r.url().includes('/api/v1/')) r.allHeaders().then((h) => origins.add(`${new URL(r.url()).origin} from ${h['origin']}`), () => undefined);
    };
    k.page.on('request', seen);
    await k.page.reload();
    await k.waitForScreen('welcome');
    await k.waitForSync();
    expect([...origins], JSON.stringify([...origins])).toContain(`${api} from ${new URL(k.page.url()).origin}`);
    expect(new URL(k.page.url()).searchParams.has('server')).toBe(false);
    k.page.off('request', seen);
    await k.page.context().close();
  });
});
