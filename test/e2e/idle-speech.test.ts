import { describe, expect, it } from 'vitest';
import { findChromium } from './support/chromium';
import { eventually } from './support/kiosk-page';
import { kioskSuite } from './support/suite';

/** Time and sound: the idle warning and wipe on a fake clock, and what the speaker says. */
describe.skipIf(!findChromium())('kiosk idle wipe and speech in Chromium', () => {
  const suite = kioskSuite();
  const openKiosk = () => suite.openKiosk({ fakeClock: true });

  it('warns, speaks, waits 30 s, can be extended again and again, then wipes the visit', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.tap('voice');
    await k.tap('size');
    await k.typeCodeAndPhone(order);
    const customer = (await k.page.getByTestId('customer').textContent())!;
    const phone = (await k.page.getByTestId('phone').textContent())!;

    for (let i = 0; i < 10; i++) {
      await k.page.clock.runFor(58_000);
      expect(await k.page.getByTestId('idle').count()).toBe(0); // no warning before a minute
      await k.page.clock.runFor(3_000);
      await expect(k.page.getByTestId('idle-left').textContent()).resolves.toMatch(/Через (2[7-9]|30) секунд/);
      await k.tap('idle-more');
      await k.page.getByTestId('idle').waitFor({ state: 'detached' });
      await k.waitForScreen('order'); // the visit goes on where it was
    }
    expect((await k.spoken()).filter((s) => s.startsWith('Вы ещё здесь?'))).toHaveLength(10);

    await k.page.clock.runFor(61_000);
    await k.page.getByTestId('idle').waitFor();
    // The wipe is due 90 s after the last touch (60 s, then the 30 s warning). The page's
    // clock also runs on in real time between steps, so check with 2 s to spare each side.
    await k.page.clock.runFor(27_000);
    await k.waitForScreen('order'); // still there at 88 s
    await k.page.clock.runFor(4_000);
    await k.waitForScreen('welcome');
    await k.page.clock.runFor(1_000);

    const dom = await k.page.locator('body').innerHTML();
    for (const secret of [customer, phone, order.code, `${order.code.slice(0, 4)} ${order.code.slice(4)}`, order.last4]) {
      expect(dom).not.toContain(secret);
    }
    const storage = await k.page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length }));
    expect(storage).toEqual({ session: 0, local: 0 });
    // The host was told too: in Electron this clears the engine's cookies and caches.
    await expect(k.page.evaluate(() => (window as unknown as { oknoFakeHost: { visitsEnded: number } }).oknoFakeHost.visitsEnded)).resolves.toBe(1);
    // Settings were this customer's: the next one starts with the defaults.
    await expect(k.page.evaluate(() => document.documentElement.dataset['size'])).resolves.toBe('normal');
    await expect(k.page.getByTestId('voice').getAttribute('aria-pressed')).resolves.toBe('false');
    await k.page.context().close();
  });

  it('speaks every screen of a pickup in whole sentences and never personal or masked data', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.tap('voice');
    await k.tap('pickup');
    await k.typeOnKeypad(order.code.slice(0, 5));
    await k.tap('key-next'); // too short: the help is spoken too
    for (let i = 0; i < 5; i++) await k.tap('key-erase');
    await k.typeOnKeypad(order.code);
    await k.tap('key-next');
    await k.typeOnKeypad(order.last4);
    await k.tap('key-next');
    await k.waitForScreen('order');
    const customer = (await k.page.getByTestId('customer').textContent())!;
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('repeat');
    await k.tap('confirm');
    await k.waitForScreen('done');
    const spoken = await k.spoken();
    expect(spoken).toEqual([
      expect.stringContaining('Здравствуйте!'),
      expect.stringContaining('Введите код заказа'),
      'В коде 8 цифр, а введено 5 цифр. Проверьте код.',
      expect.stringContaining('Введите код заказа'),
      expect.stringContaining('последние четыре цифры'),
      expect.stringContaining('Заказ найден'),
      'Подождите, пожалуйста, здесь. Сотрудник принесёт ваш заказ к этому киоску.',
      expect.stringMatching(/^Ваш заказ принесли\. Проверьте, что все товары у вас/),
      expect.stringMatching(/^Ваш заказ принесли\. Проверьте, что все товары у вас/), // "repeat"
      'Готово. Заберите чек. Спасибо за покупку!',
    ]);
    for (const text of spoken) {
      expect(text).toMatch(/[.!?»]$/);
      expect(text).not.toMatch(/•|\+7/);
      expect(text).not.toContain(customer.split(' ')[0]);
      expect(text).not.toContain(order.code.slice(0, 4));
      expect(text).not.toContain(order.last4);
    }
    await k.page.context().close();
  });
  it('a customer waiting for staff (help called) is not wiped after a minute: the warning comes after 10, shows and speaks (voice off too); the call ends only with the visit', async () => {
    const k = await openKiosk();
    await k.tap('pickup');
    await k.tap('call-staff');
    await k.page.locator('.kiosk[data-help="called"]').waitFor({ state: 'attached' });
    await k.tap('help-close');
    const open = async () => (await suite.server.db.query("SELECT 1 FROM assistance_requests WHERE status = 'open'")).rows.length;
    await eventually(async () => (await open()) === 1, 'the call to reach the server');
    await k.page.clock.runFor(5 * 60_000);
    expect(await k.page.getByTestId('idle').count()).toBe(0);
    await k.page.clock.runFor(5 * 60_000 + 2_000);
    await k.page.getByTestId('idle').waitFor();
    await k.shot('idle-waiting-for-staff-ru');
    // Spoken although the customer never turned the voice on: they may be looking for the staff member.
    expect((await k.spoken()).filter((s) => s.startsWith('Вы ещё здесь?'))).toHaveLength(1);
    await k.tap('idle-more');
    await k.waitForScreen('code');
    expect(await open()).toBe(1);
    // Nobody touches it again: after another 10 minutes and the 30 s to answer, the visit ends, and its call with it.
    await k.page.clock.runFor(10 * 60_000 + 31_000);
    await k.waitForScreen('welcome');
    await eventually(async () => (await open()) === 0, 'the call to be taken back as the visit ends');
    await k.page.context().close();
  });

  it('voice controls only where there is a voice: a kiosk with none shows no voice button and no «Повторить», and the tablets read that it has none', async () => {
    const k = await suite.openKiosk({ link: await suite.server.kioskLink('host=fake&speech=none') });
    const code = await k.deviceCode();
    await expect(k.page.getByTestId('voice').count()).resolves.toBe(0);
    await expect(k.page.getByTestId('repeat').count()).resolves.toBe(0);
    await k.shot('welcome-voiceless-ru');
    const line = async () => (await suite.server.db.query<{ speech: unknown }>('SELECT s.speech FROM device_status s JOIN devices d ON d.id = s.device_id WHERE d.code = $1', [code])).rows[0]?.speech;
    const speech = async () => { const v = (await line()) as { ru?: boolean; en?: boolean } | undefined; return v ? `${v.ru}/${v.en}` : 'not reported'; };
    await eventually(async () => (await speech()) === 'false/false', 'the kiosk to report it has no voice');
    const { context, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-devices').click();
    const device = tablet.locator(`[data-testid="device"][data-code="${code}"]`);
    await device.getByText(/без голоса: озвучка не работает \(нужен espeak-ng\)/).waitFor();
    await context.close();
    // A kiosk with voices shows the button.
    const voiced = await openKiosk();
    await voiced.page.getByTestId('voice').waitFor();
    await voiced.page.context().close();
    await k.page.context().close();
  });
});
