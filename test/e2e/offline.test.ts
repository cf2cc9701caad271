import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { formatOrderCode } from '../../shared/domain/order-code';
import { findChromium, launchWithProfile } from './support/chromium';
import { eventually, kioskPage, type KioskPage } from './support/kiosk-page';
import { kioskSuite } from './support/suite';

/** The network as the kiosk sees it: the server goes away, the browser dies, and nothing is lost. */
describe.skipIf(!findChromium())('kiosk offline in Chromium', () => {
  const suite = kioskSuite();
  const profiles: string[] = [];
  afterEach(async () => {
    await suite.server.start(); // a test that failed half-way may leave it stopped
  });
  afterAll(() => {
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  });

  /**
   * A pickup whose goods staff brought while the kiosk was online; then the server goes
   * away and the customer confirms at a kiosk that knows it is offline (a tap makes it try
   * the server, and fail). A kiosk never hands over goods nobody brought: the waiting
   * screen is the only way to the summary.
   */
  async function pickUp(k: KioskPage, order: { code: string; scan: string }, beforeConfirm?: () => Promise<void>) {
    await k.scan(order.scan);
    await k.waitForScreen('order');
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await suite.server.stop();
    await beforeConfirm?.();
    await knowsOffline(k);
    await k.tap('confirm');
    await k.waitForScreen('done');
  }

  /** The kiosk retries with backoff; the browser's "online" event is what ends the wait early. */
  const networkBack = (k: KioskPage) => k.page.evaluate(() => window.dispatchEvent(new Event('online')));
  async function knowsOffline(k: KioskPage) {
    await networkBack(k);
    await k.page.locator('[data-testid="status"][data-online="false"]').waitFor({ state: 'attached' });
  }
  const waits = async (code: string) => (await suite.server.db.query<{ status: string }>('SELECT status FROM pickup_waits WHERE order_code = $1', [code])).rows.map((r) => r.status);
  const deskCode = (k: KioskPage) => k.page.getByTestId('desk-code').textContent();

  it('nobody signed in can hear the kiosk: a call for help says so and points to the desk; a customer waiting for goods is sent there with the order’s code', async () => {
    await suite.server.staffAway();
    try {
      const k = await suite.openKiosk();
      await k.tap('call-staff');
      await k.page.locator('[data-testid="help-text"][data-state="nobody"]').waitFor();
      await expect(k.page.getByTestId('help-text').textContent()).resolves.toBe('Сейчас никто из сотрудников не видит вызовов с киоска. Подойдите, пожалуйста, к стойке обслуживания «Окно» справа от входа.');
      await k.shot('help-nobody-ru');
      await k.tap('help-close');
      const order = suite.server.takeOrder();
      await k.scan(order.scan);
      await k.tap('order-next');
      await k.waitForScreen('waiting');
      await eventually(async () => (await k.page.getByTestId('waiting').getAttribute('data-desk')) === 'nobody', 'the kiosk to send the customer to the desk');
      await expect(k.page.getByTestId('waiting-desk').textContent()).resolves.toContain('Сейчас никто из сотрудников не видит вызовов с киоска.');
      await expect(deskCode(k)).resolves.toBe(`Код заказа${formatOrderCode(order.code)}`);
      await k.shot('waiting-nobody-desk-ru');
      await k.tap('cancel');
      await k.tap('cancel-yes');
      await k.waitForScreen('welcome');
      await k.page.context().close();
    } finally {
      await suite.server.staffListen();
    }
  });

  it('«Да, это мой заказ» with the server away: no confirming goods nobody brought; the desk is named with the order’s code in large type, and the wait reaches staff once the server is back', async () => {
    const k = await suite.openKiosk();
    const order = suite.server.takeOrder();
    await suite.server.stop();
    await knowsOffline(k);
    await k.scan(order.scan);
    await k.waitForScreen('order');
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    await expect(k.page.getByTestId('waiting').getAttribute('data-desk')).resolves.toBe('offline');
    await expect(k.page.getByTestId('waiting-desk').textContent()).resolves.toContain('Покажите код заказа на стойке «Окно»');
    await expect(deskCode(k)).resolves.toBe(`Код заказа${formatOrderCode(order.code)}`);
    await expect(k.page.getByTestId('confirm').count()).resolves.toBe(0);
    await k.shot('waiting-offline-desk-ru');
    // The customer may wait: with the server back, the queued wait reaches the tablets and the desk note goes.
    await suite.server.start();
    await networkBack(k);
    await eventually(async () => (await waits(order.code)).includes('waiting'), 'the queued wait to reach the server');
    await eventually(async () => (await k.page.getByTestId('waiting').getAttribute('data-desk')) === '', 'the kiosk to wait as usual again');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    await eventually(async () => (await suite.server.transactionsFor(order.code)).length === 1, 'the handover to reach the server');
    expect(await suite.server.transactionsFor(order.code)).toMatchObject([{ status: 'applied' }]);
    await k.page.context().close();
  });

  it('the server goes away while the customer waits for the goods: the wait goes on with the desk named, never a summary; the desk hands it over on a tablet, and the kiosk leaves the order', async () => {
    const k = await suite.openKiosk();
    const order = suite.server.takeOrder();
    await k.scan(order.scan);
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    await eventually(async () => (await waits(order.code)).includes('waiting'), 'the wait to reach the server');
    await suite.server.stop();
    await networkBack(k);
    await eventually(async () => (await k.page.getByTestId('waiting').getAttribute('data-desk')) === 'offline', 'the kiosk to send the customer to the desk');
    await expect(deskCode(k)).resolves.toContain(formatOrderCode(order.code));
    await expect(k.page.getByTestId('confirm').count()).resolves.toBe(0);
    // At the desk, staff hand the order over on their tablet (the helper pushes as one, with the server back).
    await suite.server.start();
    await suite.server.staffHandsOver(order.code);
    await networkBack(k);
    await k.waitForScreen('staff');
    await expect(k.page.getByTestId('staff-lead').textContent()).resolves.toBe('Сотрудник выдал вам заказ. Чек вам даст сотрудник. Спасибо!');
    expect(await suite.server.transactionsFor(order.code)).toMatchObject([{ status: 'applied', payload: { verifiedBy: 'staff' } }]);
    expect(await waits(order.code)).toEqual([]);
    await k.page.context().close();
  });

  it('the goods brought, the server goes down: the handover is confirmed and printed, says so calmly, and syncs exactly once when it is back', async () => {
    const k = await suite.openKiosk();
    const order = suite.server.takeOrder();
    await pickUp(k, order);
    // The receipt and its warranty slips print offline too.
    expect((await k.printed()).map((d) => d.type)).toEqual(['receipt', ...Array<string>(await suite.server.warrantyUnits(order.items)).fill('warranty')]);
    const status = k.page.getByTestId('status');
    await eventually(async () => (await status.getAttribute('data-online')) === 'false', 'the kiosk to notice it is offline');
    // The customer is told what the outage means for them; the count is for staff, on their line.
    await expect(status.textContent()).resolves.toBe('Нет связи с сервером. Киоск работает.');
    await expect(k.page.getByTestId('printer-status').textContent()).resolves.toBe('Для сотрудника: 1 операция ждёт отправки на сервер');
    await k.shot('offline-done-ru');
    expect(await suite.server.transactionsFor(order.code)).toEqual([]);

    await suite.server.start();
    await networkBack(k);
    await eventually(async () => (await suite.server.transactionsFor(order.code)).length === 1, 'the queued pickup to reach the server');
    await eventually(async () => (await status.getAttribute('data-queued')) === '0', 'the queue to empty');
    await new Promise((r) => setTimeout(r, 500));
    expect(await suite.server.transactionsFor(order.code)).toMatchObject([{ status: 'applied' }]);
    await k.page.context().close();
  });

  it('a pickup the server rejects (cancelled meanwhile) is named in the staff line, and the order shows as it is now', async () => {
    const k = await suite.openKiosk();
    const order = suite.server.takeOrder();
    // While the kiosk is offline the shop cancels the order.
    await pickUp(k, order, async () => { await suite.server.db.query("UPDATE pickup_orders SET status = 'cancelled' WHERE code = $1", [order.code]); });
    await k.tap('finish');
    await suite.server.start();
    await networkBack(k);
    const staffLine = k.page.getByTestId('printer-status');
    await eventually(async () => (await staffLine.getAttribute('data-quarantined')) === '1', 'the rejection to reach the staff line');
    await expect(staffLine.textContent()).resolves.toBe('Для сотрудника: 1 операция отклонена сервером, нужна проверка');
    expect(await suite.server.transactionsFor(order.code)).toMatchObject([{ status: 'rejected' }]);
    await k.shot('welcome-rejected-staff-line-ru');
    // The order was re-read from the server: scanned again, it is cancelled, not "already picked up".
    await eventually(async () => {
      await k.scan(order.scan);
      return (await k.page.getByTestId('error').textContent()) === 'Этот заказ отменён. Сотрудник расскажет подробнее.';
    }, 'the kiosk to show the order as cancelled');
    await k.page.context().close();
  });

  it('a browser killed right after printing keeps the pickup queued; the reopened profile syncs it once', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'okno-profile-'));
    profiles.push(profile);
    let context: BrowserContext = await launchWithProfile(profile);
    let k = kioskPage(context.pages()[0] ?? (await context.newPage()));
    await k.page.goto(await suite.server.kioskLink());
    await k.waitForScreen('welcome');
    await k.waitForSync();
    // The app shell is cached by the service worker: the page can open again offline.
    await k.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const order = suite.server.takeOrder();
    await pickUp(k, order);
    const [receipt] = await k.printed();
    const number = receipt!.blocks.find((b) => b.kind === 'pair' && /^MSK1-K\d\d-\d{6}$/.test(b.right));

    // SIGKILL: no unload handlers, no chance to flush anything not already committed.
    execFileSync('pkill', ['-9', '-f', `user-data-dir=${profile}`]);
    await context.close().catch(() => undefined);

    context = await launchWithProfile(profile);
    k = kioskPage(context.pages()[0] ?? (await context.newPage()));
    await k.page.goto(`${suite.server.url()}/kiosk/?host=fake`);
    await k.waitForScreen('welcome');
    const status = k.page.getByTestId('status');
    await eventually(async () => (await status.getAttribute('data-queued')) === '1', 'the reopened kiosk to show its queued pickup');

    await suite.server.start();
    await networkBack(k);
    await eventually(async () => (await status.getAttribute('data-queued')) === '0', 'the queue to drain');
    const txs = await suite.server.transactionsFor(order.code);
    expect(txs).toHaveLength(1);
    expect(number).toMatchObject({ right: txs[0]!.payload.receiptNumber }); // the printed receipt's number reached the server
    await context.close();
  });
});
