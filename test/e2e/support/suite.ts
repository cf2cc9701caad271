import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { KIOSK_VIEWPORT, launchChromium } from './chromium';
import { kioskPage, type KioskPage } from './kiosk-page';
import { startKioskServer, type DeployMode, type KioskServer } from './kiosk-server';

export type KioskSuite = {
  readonly server: KioskServer;
  readonly browser: Browser;
  /** A new kiosk (its own browser context) enrolled through the printed link, at its welcome screen, synced. */
  openKiosk(options?: { fakeClock?: boolean; link?: string; viewport?: { width: number; height: number } }): Promise<KioskPage>;
  /**
   * A staff tablet (10", touch, its own browser context) enrolled through the printed link,
   * with a demo staff member signed in, at its home screen. `fakeClock` installs the page's
   * clock before anything runs.
   */
  openTablet(options?: { employeeNo?: string; pin?: string; fakeClock?: boolean }): Promise<{ context: BrowserContext; tablet: Page }>;
  /** After "это мой заказ": the kiosk waits at the pickup counter, a staff member brings the goods, the summary follows. */
  goodsBrought(k: KioskPage, orderCode: string, shot?: string): Promise<void>;
};

/**
 * How this file's suites reach the server (support/kiosk-server.ts): test/e2e/deployed/
 * runs the journeys again with the pages on another origin, both over HTTPS, by setting it
 * before it imports them.
 */
let deployMode: DeployMode = 'same-origin';
export function useDeployMode(mode: DeployMode): void {
  deployMode = mode;
}

/** One real server (PGlite, demo data) and one Chromium per test file, closed after it. */
export function kioskSuite(options: { logLines?: string[] } = {}): KioskSuite {
  let server: KioskServer;
  let browser: Browser;
  const deploy = deployMode;
  beforeAll(async () => {
    // Over HTTPS the certificate is the test's own, made for 127.0.0.1: Chromium is told to
    // take it, as a branch's tablets are told to trust the branch's CA.
    // A test that intercepts a request and fetches it itself (to delay an answer) fetches from
    // Playwright, not Chromium: its contexts are told the same (ignoreHTTPSErrors below).
    [server, browser] = await Promise.all([startKioskServer({ ...options, deploy }), launchChromium(deploy === 'deployed' ? ['--ignore-certificate-errors'] : [])]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() { return server; },
    get browser() { return browser; },
    async openKiosk(options = {}) {
      const context = await browser.newContext({ viewport: options.viewport ?? KIOSK_VIEWPORT, ignoreHTTPSErrors: deploy === 'deployed' });
      const page = await context.newPage();
      page.on('pageerror', (e) => { throw e; });
      if (options.fakeClock) await page.clock.install();
      await page.goto(options.link ?? (await server.kioskLink()));
      const k = kioskPage(page);
      await k.waitForScreen('welcome');
      await k.waitForSync();
      return k;
    },
    async openTablet({ employeeNo = '1001', pin = '2468', fakeClock = false } = {}) {
      const context = await browser.newContext({ viewport: TABLET_VIEWPORT, hasTouch: true, ignoreHTTPSErrors: deploy === 'deployed' });
      const tablet = await context.newPage();
      tablet.setDefaultTimeout(15_000);
      if (fakeClock) await tablet.clock.install();
      await tablet.goto(await server.kioskLink('host=fake', 'tablet'));
      await signInOnTablet(tablet, employeeNo, pin);
      return { context, tablet };
    },
    async goodsBrought(k, orderCode, shot) {
      await k.waitForScreen('waiting');
      if (shot) await k.shot(shot);
      await server.staffBrings(orderCode);
      await k.waitForScreen('summary');
    },
  };
}

/** A 10" tablet, landscape. */
export const TABLET_VIEWPORT = { width: 1280, height: 800 };

/** Signs a staff member in on a tablet at its sign-in screen and waits for the home screen. */
export async function signInOnTablet(tablet: Page, employeeNo: string, pin: string): Promise<void> {
  await tablet.getByTestId('employee-no').fill(employeeNo);
  await tablet.getByTestId('pin').fill(pin);
  await tablet.getByTestId('sign-in').click();
  await tablet.locator('main[data-screen="tablet-home"]').waitFor();
}
