import { describe, expect, it } from 'vitest';
import { tabletFindings } from './support/axe';
import { findChromium } from './support/chromium';
import { eventually, SCREENSHOTS } from './support/kiosk-page';
import { kioskSuite } from './support/suite';

/** The tablet's back office in Chromium, through the real server. */
describe.skipIf(!findChromium())('the staff tablet’s back office', () => {
  const suite = kioskSuite();

  it('a kiosk’s offline handover of an order staff handed over meanwhile is refused; the supervisor reads it in plain words and resolves it; the kiosk’s staff line clears', async () => {
    const k = await suite.openKiosk();
    const kioskCode = await k.page.evaluate(() => new Promise<string>((resolve) => {
      const open = indexedDB.open('okno-kiosk');
      open.onsuccess = () => { const get = open.result.transaction('settings').objectStore('settings').get('identity'); get.onsuccess = () => resolve(get.result.value.deviceCode); };
    }));
    const order = suite.server.takeOrder();
    // The kiosk loses its network; the customer picks the order up there, offline.
    await k.page.context().setOffline(true);
    await k.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await k.page.locator('[data-testid="status"][data-online="false"]').waitFor({ state: 'attached' });
    await k.scan(order.scan);
    await k.waitForScreen('order');
    await k.tap('order-next');
    await k.tap('confirm');
    await k.waitForScreen('done');
    await k.tap('finish');
    // Meanwhile a staff member handed the same order over at the desk (an ID check).
    await suite.server.staffHandsOver(order.code);
    await k.page.context().setOffline(false);
    await k.page.evaluate(() => window.dispatchEvent(new Event('online')));
    const staffLine = k.page.getByTestId('printer-status');
    await eventually(async () => (await staffLine.getAttribute('data-quarantined')) === '1', 'the refusal to reach the kiosk’s staff line');

    // An associate sees it, but does not resolve it.
    const { context: associateContext, tablet: associate } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    await associate.getByTestId('tab-branch').click();
    await associate.getByTestId('rejection').first().waitFor();
    await associate.getByText('Решения по отказам принимает старший смены.').waitFor();
    expect(await associate.getByTestId('rejection-handled').count()).toBe(0);
    await associateContext.close();

    const { context, tablet } = await suite.openTablet();
    await expect(tablet.getByTestId('tab-branch').textContent()).resolves.toMatch(/^Магазин \(\d+\)$/);
    await tablet.getByTestId('tab-branch').click();
    const row = tablet.getByTestId('rejection').filter({ hasText: order.code.replace(/^(\d{4})(\d{4})$/, '$1 $2') });
    await row.waitFor();
    const text = (await row.locator('p.tablet-big').textContent())!;
    expect(text).toMatch(new RegExp(`^Выдача заказа ${order.code.slice(0, 4)} ${order.code.slice(4)} \\(киоск ${kioskCode}, \\d\\d:\\d\\d\\): заказ уже выдан на планшете MSK1-T\\d\\d в \\d\\d:\\d\\d$`));
    // The desk's handover came after the kiosk's: the supervisor may point at it as the correction.
    await expect(row.getByTestId('rejection-corrected').textContent()).resolves.toMatch(/^Исправлено: заказ выдан на планшете MSK1-T\d\d$/);
    // A note is needed.
    await row.getByTestId('rejection-handled').click();
    await row.getByRole('alert').getByText('Напишите, что сделано.').waitFor();
    await row.getByTestId('rejection-note').fill('Заказ выдан на стойке по паспорту; на киоске покупатель получил копию чека');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-rejections-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await row.getByTestId('rejection-handled').click();
    await row.getByTestId('rejection-queued').waitFor();

    const resolutions = async () => (await suite.server.db.query<{ action: string; note: string }>(
      "SELECT r.action, r.note FROM rejection_resolutions r JOIN transactions t ON t.id = r.transaction_id WHERE t.payload->>'orderCode' = $1", [order.code])).rows;
    await eventually(async () => (await resolutions()).length === 1, 'the resolution to reach the server');
    expect(await resolutions()).toEqual([{ action: 'handled', note: 'Заказ выдан на стойке по паспорту; на киоске покупатель получил копию чека' }]);
    // Every tablet hears it: the row leaves the list.
    await eventually(async () => (await row.count()) === 0, 'the resolved refusal to leave the list');
    // The kiosk learns it on its next round: its staff line no longer asks for a person.
    await k.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await eventually(async () => (await staffLine.getAttribute('data-quarantined')) === '0', 'the kiosk to learn of the resolution');
    await expect(staffLine.textContent()).resolves.toBe('');
    await context.close();
    await k.page.context().close();
  });
});
