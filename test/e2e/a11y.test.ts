import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeFindings, layoutScan } from './support/axe';
import { KIOSK_VIEWPORT, findChromium } from './support/chromium';
import { kioskPage, type KioskPage } from './support/kiosk-page';
import { kioskSuite } from './support/suite';

type Combo = { lang: 'ru' | 'en'; contrast: boolean; large: boolean };
const COMBOS: Combo[] = (['ru', 'en'] as const).flatMap((lang) =>
  [false, true].flatMap((contrast) => [false, true].map((large) => ({ lang, contrast, large }))));
const comboName = (c: Combo) => `${c.lang}-${c.contrast ? 'contrast' : 'normal'}-${c.large ? 'large' : 'normal'}`;

/**
 * Every kiosk screen in both themes, both text sizes and both languages: axe with the AAA
 * tags and 81 px targets finds nothing and leaves nothing "incomplete"; targets are big
 * and apart, text is large, "call staff" stays in one place. Screenshots of each land in
 * test-results/screenshots.
 */
describe.skipIf(!findChromium())('kiosk accessibility in Chromium', () => {
  const suite = kioskSuite();

  async function check(k: KioskPage, name: string, combo: Combo | null, callStaffAt: number[][]) {
    await k.page.evaluate(() => document.fonts.ready.then(() => undefined));
    await k.shot(combo ? `${name}-${comboName(combo)}` : name);
    const found = await axeFindings(k.page);
    expect({ screen: name, ...found }).toEqual({ screen: name, violations: [], incomplete: [] });
    const layout = await layoutScan(k.page);
    expect({ screen: name, small: layout.small, cramped: layout.cramped }).toEqual({ screen: name, small: [], cramped: [] });
    expect(layout.minFontPx, `${name}: smallest text`).toBeGreaterThanOrEqual(combo?.large ? 42 : 28);
    if (layout.callStaff) callStaffAt.push(layout.callStaff);
  }

  async function setPrefs(k: KioskPage, combo: Combo) {
    if (combo.lang === 'en') await k.tap('lang');
    if (combo.contrast) await k.tap('contrast');
    if (combo.large) await k.tap('size');
  }

  it('the checks themselves fail a page that misses the kiosk targets', async () => {
    const context = await suite.browser.newContext({ viewport: KIOSK_VIEWPORT });
    const page = await context.newPage();
    await page.setContent(`<html lang="en"><head><title>t</title></head><body><main>
      <h1>Sample</h1><p style="color:#767676;font-size:20px">Grey text: enough for AA, not for AAA.</p>
      <button style="width:60px;height:60px">A</button><button style="width:120px;height:120px">B</button>
    </main></body></html>`);
    const found = await axeFindings(page);
    expect(found.violations.map((v) => v.id)).toEqual(expect.arrayContaining(['color-contrast-enhanced', 'target-size']));
    const layout = await layoutScan(page);
    expect(layout.small).toEqual(['A 60×60']);
    expect(layout.minFontPx).toBeLessThan(28);
    await context.close();
  });

  it('the enrolment screen for staff', async () => {
    const context = await suite.browser.newContext({ viewport: KIOSK_VIEWPORT });
    const page: Page = await context.newPage();
    const k = kioskPage(page);
    await page.goto(`${suite.server.url()}/kiosk/`);
    await page.getByTestId('enrol').waitFor();
    await check(k, 'enrol', null, []);
    await page.locator('#enrol-code').fill('WRONG-CODE');
    await k.tap('enrol');
    await page.getByText('Код не подошёл').waitFor();
    await check(k, 'enrol-error', null, []);
    await context.close();
  });

  it.each(COMBOS)('every screen: %o', async (combo) => {
    const k = await suite.openKiosk({ fakeClock: true });
    const page = k.page;
    const callStaffAt: number[][] = [];
    await setPrefs(k, combo);
    await check(k, 'welcome', combo, callStaffAt);

    await k.tap('call-staff');
    await check(k, 'help', combo, callStaffAt);
    await k.tap('help-close');
    // Staff came and marked the call done: the kiosk is back to a plain visit (the usual minute of idle).
    await k.page.locator('.kiosk[data-help="called"]').waitFor({ state: 'attached' });
    await suite.server.staffResolvesCalls();
    await k.page.locator('.kiosk[data-help="none"]').waitFor({ state: 'attached' });

    const paid = suite.server.takeOrder(true);
    await k.tap('pickup');
    await check(k, 'code', combo, callStaffAt);
    const typo = paid.code.slice(0, 7) + String((Number(paid.code[7]) + 1) % 10);
    await k.typeOnKeypad(typo);
    await k.tap('key-next');
    await k.page.getByTestId('error').filter({ hasText: /./ }).waitFor();
    await check(k, 'code-error', combo, callStaffAt);
    for (let i = 0; i < 8; i++) await k.tap('key-erase');
    await k.typeOnKeypad(paid.code);
    await k.tap('key-next');
    await k.waitForScreen('phone');
    await check(k, 'phone', combo, callStaffAt);
    await k.typeOnKeypad(paid.last4.split('').reverse().join('') === paid.last4 ? '0000' : paid.last4.split('').reverse().join(''));
    await k.tap('key-next');
    await k.page.getByTestId('error').filter({ hasText: /./ }).waitFor();
    await check(k, 'phone-error', combo, callStaffAt);
    await k.typeOnKeypad(paid.last4);
    await k.tap('key-next');
    await k.waitForScreen('order');
    await check(k, 'order', combo, callStaffAt);
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    await check(k, 'waiting', combo, callStaffAt);
    await suite.server.staffBrings(paid.code);
    await k.waitForScreen('summary');
    await check(k, 'summary', combo, callStaffAt);

    await page.clock.runFor(61_000);
    await page.getByTestId('idle').waitFor();
    await check(k, 'idle', combo, callStaffAt);
    await k.tap('idle-more');

    await k.tap('confirm');
    await k.waitForScreen('done');
    await check(k, 'done', combo, callStaffAt);
    await k.tap('finish');

    await setPrefs(k, combo);
    const unpaid = suite.server.takeOrder(false);
    await k.scan(unpaid.scan);
    await k.waitForScreen('order');
    await check(k, 'order-unpaid', combo, callStaffAt);
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    await check(k, 'waiting-unpaid', combo, callStaffAt);
    // Nobody came for five minutes: what else the customer can do (no idle warning yet).
    // A jump, not a run: timers fire once, so no request times out on a clock that races
    // ahead of the real network (the kiosk would rightly call itself offline).
    await page.clock.fastForward(301_000);
    await page.getByTestId('waiting-long').waitFor();
    expect(await page.getByTestId('idle').count()).toBe(0);
    await check(k, 'waiting-long', combo, callStaffAt);
    await suite.server.staffBrings(unpaid.code);
    await k.page.locator('[data-testid="waiting"][data-brought="true"]').waitFor();
    await check(k, 'waiting-brought-unpaid', combo, callStaffAt);
    await k.tap('cancel');
    await page.getByTestId('cancel-ask').waitFor();
    await check(k, 'waiting-cancel-ask', combo, []);
    await k.tap('cancel-yes');
    await k.waitForScreen('welcome');

    // Three mistakes in a visit (a code too short is only a hint): a person is called.
    await setPrefs(k, combo);
    await k.tap('pickup');
    await k.typeOnKeypad(typo);
    for (let i = 0; i < 3; i++) await k.tap('key-next');
    await k.waitForScreen('staff');
    await page.locator('[data-testid="staff-lead"][data-help="called"]').waitFor();
    await check(k, 'staff', combo, callStaffAt);
    await k.tap('finish');
    await k.waitForScreen('welcome');

    // The printer ran out of paper: the done screen says why, the top bar tells staff.
    await page.evaluate(() => {
      const host = (window as unknown as { oknoFakeHost: { nextPrint: unknown; setPrinterStatus(s: unknown): void } }).oknoFakeHost;
      host.nextPrint = { ok: false, code: 'paper-out' };
      host.setPrinterStatus({ problem: 'paper-out', paperNearEnd: false });
    });
    await setPrefs(k, combo);
    const another = suite.server.takeOrder(true);
    await k.scan(another.scan);
    await k.waitForScreen('order');
    await k.tap('order-next');
    await suite.goodsBrought(k, another.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    await check(k, 'done-paper-out', combo, callStaffAt);

    // "Call staff" is in the same place on every screen (dialogs cover it, so they are left out).
    expect(new Set(callStaffAt.map((box) => box.join(','))).size).toBe(1);
    await page.context().close();
  }, 60_000); // every screen of a visit, twice over with its checks: longer than one journey
});
