import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { DEFAULT_KIOSK_DIR } from '../../server/main';
import { KIOSK_VIEWPORT, findChromium } from './support/chromium';
import { kioskPage, SCREENSHOTS } from './support/kiosk-page';
import { kioskSuite } from './support/suite';

/** The device's role decides its screens; the tablet's are a bundle the kiosk never loads. */
describe.skipIf(!findChromium())('device roles in Chromium', () => {
  const suite = kioskSuite();

  it('a kiosk never loads the staff bundle; a tablet opens its own screens with this device’s sync state', async () => {
    const kioskContext = await suite.browser.newContext({ viewport: KIOSK_VIEWPORT });
    const kiosk = await kioskContext.newPage();
    const kioskScripts: string[] = [];
    kiosk.on('request', (r) => { if (r.url().endsWith('.js')) kioskScripts.push(r.url()); });
    await kiosk.goto(await suite.server.kioskLink());
    await kioskPage(kiosk).waitForScreen('welcome');
    await kioskPage(kiosk).waitForSync();
    expect(kioskScripts.some((u) => u.includes('/assets/StaffApp-'))).toBe(false);
    await kioskContext.close();

    const tabletContext = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    const tablet = await tabletContext.newPage();
    const tabletScripts: string[] = [];
    tablet.on('request', (r) => { if (r.url().endsWith('.js')) tabletScripts.push(r.url()); });
    await tablet.goto(await suite.server.kioskLink('host=fake', 'tablet'));
    await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
    // English on one tap, and back.
    await tablet.getByTestId('tablet-lang').click();
    await tablet.getByText('Staff sign-in').waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sign-in-en.png` });
    await tablet.getByTestId('tablet-lang').click();
    await tablet.getByText('Вход сотрудника').waitFor();
    await tablet.getByTestId('employee-no').fill('1002');
    await tablet.getByTestId('pin').fill('1357');
    await tablet.getByTestId('sign-in').click();
    await tablet.getByTestId('tab-device').click();
    await tablet.locator('[data-testid="tablet-sync"][data-online="true"]').waitFor();
    await expect(tablet.locator('h2.tablet-subtitle').textContent()).resolves.toMatch(/^Планшет сотрудника MSK1-T\d\d$/);
    await expect(tablet.getByText('В очереди на отправку: 0').count()).resolves.toBe(1);
    expect(tabletScripts.some((u) => u.includes('/assets/StaffApp-'))).toBe(true);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-status-ru.png` });
    await tabletContext.close();
  });

  it('a kiosk’s build holds no test host: ?host=fake does nothing there', async () => {
    const assets = `${DEFAULT_KIOSK_DIR}/assets`;
    const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const f of scripts) {
      const text = readFileSync(`${assets}/${f}`, 'utf8');
      expect(text).not.toContain('oknoFakeHost');
      expect(f).not.toMatch(/fake-bridge/);
    }
    // The same server and data, serving the kiosk as it ships.
    const app = await buildApp({ db: suite.server.db, kioskDir: DEFAULT_KIOSK_DIR });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const port = (app.server.address() as { port: number }).port;
      const link = (await suite.server.kioskLink()).replace(/^http:\/\/127\.0\.0\.1:\d+/, `http://127.0.0.1:${port}`);
      const context = await suite.browser.newContext({ viewport: KIOSK_VIEWPORT });
      const page = await context.newPage();
      await page.goto(link);
      await kioskPage(page).waitForScreen('welcome');
      expect(await page.evaluate(() => 'oknoFakeHost' in window)).toBe(false);
      await context.close();
    } finally {
      await app.close();
    }
  });
});
