import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium, KIOSK_VIEWPORT } from './support/chromium';
import { startKioskServer, type KioskServer } from './support/kiosk-server';
import { kioskSuite, TABLET_VIEWPORT } from './support/suite';
import { eventually } from './support/kiosk-page';

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
    ['a kiosk panel turned upright', 'kiosk', { width: 1080, height: 1920 }],
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
    // All of it on the screen at once: nothing to scroll for.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, `installer-${path}-insecure-${viewport.width}x${viewport.height}.png`) });
    await context.close();
  });

  it('a page whose origin is not allowed gets nothing from the API: no answer to read, no event stream', async () => {
    const other = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>elsewhere</title>'); });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(other.address() as { port: number }).port}/`);
      const api = server.url();
      const outcome = await page.evaluate(async (base) => {
        const read = await fetch(`${base}/api/v1/sync/pull`, { headers: { authorization: 'Bearer x' } }).then(() => 'read', (e: Error) => `refused: ${e.name}`);
        const enrol = await fetch(`${base}/api/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"code":"AAAA-AAAA"}' }).then(() => 'read', (e: Error) => `refused: ${e.name}`);
        const stream = await new Promise<string>((resolve) => { const es = new EventSource(`${base}/api/v1/events?ticket=x`); es.onerror = () => { es.close(); resolve('refused'); }; es.onopen = () => resolve('open'); });
        return { read, enrol, stream };
      }, api);
      expect(outcome).toEqual({ read: 'refused: TypeError', enrol: 'refused: TypeError', stream: 'refused' });
    } finally {
      await context.close();
      other.close();
    }
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

describe.skipIf(!findChromium())('the staff tablet starts offline, like the kiosk', () => {
  const suite = kioskSuite();

  it('reloaded with the server stopped, it opens and shows what it still has to send; with the server back, that goes once', async () => {
    const sale = await suite.server.sold(1);
    const { context, tablet } = await suite.openTablet();
    // The page's service worker has taken the page and its screens.
    await tablet.evaluate(async () => { await navigator.serviceWorker.ready; });
    await eventually(async () => tablet.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker to control the tablet');
    await tablet.getByTestId('tab-refund').click();
    await tablet.getByTestId('refund-find').fill(sale.receiptNumber);
    await tablet.getByTestId('refund-find-button').click();
    await tablet.locator(`[data-testid="refund-line"][data-sku="${sale.sku}"]`).waitFor();
    await suite.server.stop();
    try {
      await tablet.getByTestId('refund-more').click();
      await tablet.getByTestId('refund-record').click();
      await tablet.getByTestId('refund-done').waitFor(); // recorded on the tablet, offline
      // "No connection" shows on this tab too, not only on «Этот планшет».
      await tablet.getByTestId('tablet-offline').waitFor();
      await expect(tablet.getByTestId('tablet-offline').textContent()).resolves.toMatch(/^Нет связи с сервером\. .*вызовы с киосков сейчас не приходят\.$/);
      await tablet.screenshot({ path: join(SHOTS, 'tablet-offline-banner-refund-ru.png') });
      await tablet.reload();
      await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
      const outbox = tablet.locator('[data-testid="sign-in-device"] [data-testid="tablet-outbox"] li');
      await outbox.first().waitFor();
      expect(await outbox.allTextContents()).toEqual([expect.stringMatching(/^Возврат \(\d{2}\.\d{2}\.\d{4},? \d{2}:\d{2}\)$/)]);
      // After its first round with the server away (right after the reload it has not tried yet).
      await tablet.locator('[data-testid="sign-in-device"] [data-testid="tablet-sync"][data-online="false"]').waitFor();
      await tablet.screenshot({ path: join(SHOTS, 'tablet-reloaded-offline.png') });
    } finally {
      await suite.server.start();
    }
    await tablet.evaluate(() => window.dispatchEvent(new Event('online')));
    await tablet.locator('[data-testid="sign-in-device"] [data-testid="tablet-outbox"]').waitFor({ state: 'detached', timeout: 20_000 });
    const refunds = async () => (await suite.server.db.query<{ status: string }>(
      "SELECT status FROM transactions WHERE kind = 'sale.refunded' AND payload->>'saleId' = (SELECT id::text FROM sales WHERE receipt_number = $1)", [sale.receiptNumber])).rows;
    await eventually(async () => (await refunds()).length === 1, 'the refund to reach the server');
    expect(await refunds()).toEqual([{ status: 'applied' }]);
    await context.close();
  });
});
