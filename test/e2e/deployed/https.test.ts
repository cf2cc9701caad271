import { journeysAs } from './journeys';

/**
 * The kiosk's and the tablet's journeys again over HTTPS: the server speaks TLS itself
 * with a certificate generated for 127.0.0.1 (OKNO_TLS_CERT and OKNO_TLS_KEY in a branch),
 * events streams and all.
 */
await journeysAs('https');

const { describe, expect, it } = await import('vitest');
const { kioskSuite } = await import('../support/suite');
const { findChromium } = await import('../support/chromium');

describe.skipIf(!findChromium())('the pages really are on HTTPS', () => {
  const suite = kioskSuite();
  it('a kiosk opened over https is a secure context and syncs with the server over TLS', async () => {
    const k = await suite.openKiosk();
    expect(k.page.url()).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/kiosk\//);
    expect(await k.page.evaluate(() => window.isSecureContext)).toBe(true);
    expect(suite.server.url()).toMatch(/^https:/);
    await k.page.context().close();
  });
});
