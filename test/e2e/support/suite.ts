import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { KIOSK_VIEWPORT, launchChromium } from './chromium';
import { kioskPage, type KioskPage } from './kiosk-page';
import { startKioskServer, type KioskServer } from './kiosk-server';

export type KioskSuite = {
  readonly server: KioskServer;
  readonly browser: Browser;
  /** A new kiosk (its own browser context) enrolled through the printed link, at its welcome screen, synced. */
  openKiosk(options?: { fakeClock?: boolean; link?: string }): Promise<KioskPage>;
  /** After "это мой заказ": the kiosk waits at the pickup counter, a staff member brings the goods, the summary follows. */
  goodsBrought(k: KioskPage, orderCode: string, shot?: string): Promise<void>;
};

/** One real server (PGlite, demo data) and one Chromium per test file, closed after it. */
export function kioskSuite(): KioskSuite {
  let server: KioskServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startKioskServer(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() { return server; },
    get browser() { return browser; },
    async openKiosk(options = {}) {
      const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
      const page = await context.newPage();
      page.on('pageerror', (e) => { throw e; });
      if (options.fakeClock) await page.clock.install();
      await page.goto(options.link ?? (await server.kioskLink()));
      const k = kioskPage(page);
      await k.waitForScreen('welcome');
      await k.waitForSync();
      return k;
    },
    async goodsBrought(k, orderCode, shot) {
      await k.waitForScreen('waiting');
      if (shot) await k.shot(shot);
      await server.staffBrings(orderCode);
      await k.waitForScreen('summary');
    },
  };
}
