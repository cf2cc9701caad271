import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium, KIOSK_VIEWPORT } from './support/chromium';
import { startKioskServer, type KioskServer } from './support/kiosk-server';
import { TABLET_VIEWPORT } from './support/suite';

/**
 * okno as a branch opens it (issue 19): a tablet that opens the server by a LAN name over
 * plain HTTP gets no secure context, and must be told so instead of failing silently.
 * Chromium resolves okno.lan to this machine (--host-resolver-rules), as the branch's DNS
 * would, so the page is on a non-localhost origin over HTTP.
 */
const SHOTS = join(import.meta.dirname, '../../test-results/screenshots');

describe.skipIf(!findChromium())('a page that cannot work says so', () => {
  let server: KioskServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startKioskServer();
    browser = await chromium.launch({ executablePath: findChromium()!, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP okno.lan 127.0.0.1'] });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each([
    ['the staff tablet', 'staff', TABLET_VIEWPORT],
    ['a kiosk in a plain browser', 'kiosk', KIOSK_VIEWPORT],
  ])('%s on http://okno.lan shows the installer what is wrong and what to do, and stores nothing', async (_name, path, viewport) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const port = new URL(server.url()).port;
    await page.goto(`http://okno.lan:${port}/${path}/`);
    const screen = page.locator('main[data-screen="installer"]');
    await screen.waitFor();
    expect(await screen.getAttribute('data-missing')).toBe('secure-context web-locks webcrypto');
    await expect(screen.textContent()).resolves.toContain('Окно не может работать на этой странице');
    expect(await page.getByTestId('https-link').getAttribute('href')).toBe(`https://okno.lan/${path}/`);
    expect(errors.join('\n')).toContain('okno cannot work on this page: secure-context, web-locks, webcrypto');
    // Nothing was started: no database of the app's was made in the browser.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `installer-${path}-insecure.png`) });
    await context.close();
  });

  it('the same page on the server’s own address (localhost is a secure context) works', async () => {
    const context = await browser.newContext({ viewport: TABLET_VIEWPORT });
    const page = await context.newPage();
    await page.goto(await server.kioskLink('host=fake', 'tablet'));
    await page.getByTestId('employee-no').waitFor();
    expect(await page.locator('main[data-screen="installer"]').count()).toBe(0);
    await context.close();
  });
});
