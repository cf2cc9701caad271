import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
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

  /** A pickup at a kiosk that knows it is offline (a tap makes it try the server, and fail). */
  async function pickUp(k: KioskPage, scan: string) {
    await knowsOffline(k);
    await k.scan(scan);
    await k.waitForScreen('order');
    await k.tap('order-next');
    await k.tap('confirm');
    await k.waitForScreen('done');
  }

  /** The kiosk retries with backoff; the browser's "online" event is what ends the wait early. */
  const networkBack = (k: KioskPage) => k.page.evaluate(() => window.dispatchEvent(new Event('online')));
  async function knowsOffline(k: KioskPage) {
    await networkBack(k);
    await k.page.locator('[data-testid="status"][data-online="false"]').waitFor({ state: 'attached' });
  }

  it('the server goes away while the customer waits for the goods: the kiosk goes on as an offline kiosk does, and both facts sync once', async () => {
    const k = await suite.openKiosk();
    const order = suite.server.takeOrder();
    await k.scan(order.scan);
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    const waits = async () => (await suite.server.db.query('SELECT 1 FROM pickup_waits WHERE order_code = $1', [order.code])).rows.length;
    await eventually(async () => (await waits()) === 1, 'the wait to reach the server');
    await suite.server.stop();
    await networkBack(k);
    // Nothing can reach it from a tablet now: the paid order goes on to the summary.
    await k.waitForScreen('summary');
    await expect(k.page.getByTestId('summary-lead').textContent()).resolves.toBe('Проверьте, что все товары у вас и они целые. Потом подтвердите.');
    await k.tap('confirm');
    await k.waitForScreen('done');
    await k.tap('finish');
    await suite.server.start();
    await networkBack(k);
    await eventually(async () => (await suite.server.transactionsFor(order.code)).length === 1, 'the queued pickup to reach the server');
    expect(await suite.server.transactionsFor(order.code)).toMatchObject([{ status: 'applied' }]);
    // The handover ended the wait; nothing is left for staff to bring.
    expect(await waits()).toBe(0);
    await k.page.context().close();
  });

  it('picks up with the server down, says so calmly, and syncs exactly once when it is back', async () => {
    const k = await suite.openKiosk();
    const order = suite.server.takeOrder();
    await suite.server.stop();

    await pickUp(k, order.scan);
    // The receipt and its warranty slips print offline too.
    expect((await k.printed()).map((d) => d.type)).toEqual(['receipt', ...Array<string>(await suite.server.warrantyUnits(order.items)).fill('warranty')]);
    const status = k.page.getByTestId('status');
    await eventually(async () => (await status.getAttribute('data-online')) === 'false', 'the kiosk to notice it is offline');
    await expect(status.textContent()).resolves.toBe('Нет связи с сервером. Всё сохранено: 1 операция ждёт отправки.');
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
    await suite.server.stop();
    // While the kiosk is offline the shop cancels the order.
    await suite.server.db.query("UPDATE pickup_orders SET status = 'cancelled' WHERE code = $1", [order.code]);
    await pickUp(k, order.scan);
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
    await suite.server.stop();
    await pickUp(k, order.scan);
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
