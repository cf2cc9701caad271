import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { PaperDocument } from '../../../shared/documents';

export const SCREENSHOTS = 'test-results/screenshots';

/**
 * Drives the kiosk as a customer does: taps are counted (the QR pickup must take at
 * most 3), every wait is for something a person would see.
 */
export function kioskPage(page: Page) {
  let taps = 0;
  // A step that cannot happen fails by itself, naming what it waited for, long before the
  // test's own timeout would fail the test without saying where.
  page.setDefaultTimeout(15_000);
  return {
    page,
    get taps() { return taps; },
    async tap(testId: string) {
      await page.getByTestId(testId).click();
      taps += 1;
    },
    async tapKey(digit: string) {
      await page.locator('.keypad').getByRole('button', { name: digit, exact: true }).click();
      taps += 1;
    },
    async typeOnKeypad(digits: string) {
      for (const d of digits) await this.tapKey(d);
    },
    /** Flow A by typing: "pick up", the code, its phone digits, up to the order screen. */
    async typeCodeAndPhone(order: { code: string; last4: string }) {
      await this.tap('pickup');
      await this.typeOnKeypad(order.code);
      await this.tap('key-next');
      await this.waitForScreen('phone');
      await this.typeOnKeypad(order.last4);
      await this.tap('key-next');
      await this.waitForScreen('order');
    },
    /**
     * A scanner: the whole code as one burst of keys, then Enter. The keys are made in the
     * page in one go, as a USB scanner's arrive: typed one by one over the test driver's
     * connection, a busy machine can space them wider than any scanner would.
     */
    async scan(text: string, options: { layout?: 'us' | 'ru' } = {}) {
      await page.evaluate(([keys, layout]) => {
        // The physical key a US-layout scanner presses, and the character the active
        // layout makes of it (a Russian layout turns K into «Л»).
        const RU = 'ФИСВУАПРШОЛДЬТЩЗЙКЫЕГМЦЧНЯ';
        const target = document.activeElement ?? document.body;
        for (const ch of [...keys, 'Enter']) {
          const code = ch === 'Enter' ? 'Enter' : /\d/.test(ch) ? `Digit${ch}` : ch === '-' ? 'Minus' : `Key${ch}`;
          const key = layout === 'ru' && /^[A-Z]$/.test(ch) ? RU[ch.charCodeAt(0) - 65]! : ch;
          target.dispatchEvent(new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true }));
          target.dispatchEvent(new KeyboardEvent('keyup', { key, code, bubbles: true, cancelable: true }));
        }
      }, [[...text], options.layout ?? 'us'] as const);
    },
    screen: () => page.locator('main').getAttribute('data-screen'),
    /** The first sync (orders and catalogue) has finished: the kiosk can work from its cache. */
    async waitForSync() {
      // attached, not visible: an empty status line takes no room on screen
      await page.locator('[data-testid="status"][data-online="true"]').waitFor({ state: 'attached' });
    },
    async waitForScreen(name: string) {
      await page.locator(`main[data-screen="${name}"]`).waitFor();
    },
    printed: () => page.evaluate(() => (window as unknown as { oknoFakeHost: { printed: PaperDocument[] } }).oknoFakeHost.printed),
    spoken: () => page.evaluate(() => (window as unknown as { oknoFakeHost: { speech: { spoken: { text: string }[] } } }).oknoFakeHost.speech.spoken.map((s) => s.text)),
    /** The kiosk's device code (MSK1-K01), as its enrolment stored it. */
    deviceCode: () => page.evaluate(() => new Promise<string>((resolve) => {
      const open = indexedDB.open('okno-kiosk');
      open.onsuccess = () => { const get = open.result.transaction('settings').objectStore('settings').get('identity'); get.onsuccess = () => resolve(get.result.value.deviceCode); };
    })),
    /** The printer runs out of paper: the next job fails, and the host says so. */
    paperOut: () => page.evaluate(() => {
      const host = (window as unknown as { oknoFakeHost: { nextPrint: unknown; setPrinterStatus(s: unknown): void } }).oknoFakeHost;
      host.nextPrint = { ok: false, code: 'paper-out' };
      host.setPrinterStatus({ problem: 'paper-out', paperNearEnd: false });
    }),
    async shot(name: string) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
    },
  };
}
export type KioskPage = ReturnType<typeof kioskPage>;

export { eventually } from '../../support/eventually';
