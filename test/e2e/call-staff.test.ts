import { describe, expect, it } from 'vitest';
import { axeFindings, tabletFindings } from './support/axe';
import { findChromium } from './support/chromium';
import { eventually, SCREENSHOTS } from './support/kiosk-page';
import { paperText } from './support/paper-text';
import { kioskSuite } from './support/suite';

/** Flow D across two browsers through the real server: a kiosk calls, a tablet accepts, the kiosk says who is coming. */
describe.skipIf(!findChromium())('call staff, kiosk to tablet, in Chromium', () => {
  const suite = kioskSuite();

  it('a call for help reaches the signed-in tablet with its context; accepting it shows and says who is coming at the kiosk', async () => {
    const tabletContext = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
    // Counts the tones the tablet plays, and whether its audio runs (not held by autoplay rules).
    await tabletContext.addInitScript(() => {
      const w = window as unknown as { tones: string[] };
      w.tones = [];
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: [number?]) {
        w.tones.push(this.context.state);
        return start.apply(this, args);
      };
    });
    const tones = () => tablet.evaluate(() => (window as unknown as { tones: string[] }).tones);
    const tablet = await tabletContext.newPage();
    tablet.setDefaultTimeout(15_000);
    const streams: string[] = [];
    tablet.on('request', (r) => { if (r.url().includes('/api/v1/events?')) streams.push(r.url()); });
    await tablet.goto(await suite.server.kioskLink('host=fake', 'tablet'));
    await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
    // A wrong PIN first: plain words and how many tries are left.
    await tablet.getByTestId('employee-no').fill('1001');
    await tablet.getByTestId('pin').fill('0000');
    await tablet.getByTestId('sign-in').click();
    await tablet.getByTestId('sign-in-note').getByText('Номер или ПИН-код не подошли. Осталось попыток: 4.').waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sign-in-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await tablet.getByTestId('pin').fill('2468');
    await tablet.getByTestId('sign-in').click();
    await tablet.locator('main[data-screen="tablet-home"]').waitFor();
    await expect(tablet.getByTestId('signed-in-as').textContent()).resolves.toBe('Вы вошли: Ольга Сергеевна Иванова');

    const k = await suite.openKiosk();
    const order = suite.server.takeOrder();
    await k.tap('pickup');
    await k.typeOnKeypad(order.code);
    await k.tap('key-next');
    await k.waitForScreen('phone');
    await k.tap('call-staff');
    await k.page.locator('[data-testid="help-text"][data-state="called"]').waitFor();
    await k.shot('help-called-ru');
    expect(await axeFindings(k.page)).toEqual({ violations: [], incomplete: [] });

    const call = tablet.getByTestId('call').first();
    await call.waitFor();
    const formatted = `${order.code.slice(0, 4)} ${order.code.slice(4)}`;
    await expect(call.textContent()).resolves.toContain(`заказ ${formatted}`);
    await expect(call.textContent()).resolves.toContain('шаг: цифры телефона');
    await expect(call.textContent()).resolves.toMatch(/^Киоск MSK1-K\d\d \(у входа\), только что/);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-queue-ru.png` });
    // The new call rang: one two-tone chime.
    await eventually(async () => (await tones()).length === 2, 'the tablet to ring for the call');
    expect((await tones()).every((state) => state === 'running')).toBe(true);
    expect(streams).toHaveLength(1); // one event stream feeds every list of the tablet
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    const tapped = Date.now();
    await call.getByTestId('accept').click();

    await k.page.locator('[data-testid="help-text"][data-state="coming"]').waitFor();
    const took = Date.now() - tapped;
    await expect(k.page.getByTestId('help-text').textContent()).resolves.toBe('К вам идёт Ольга. Подождите, пожалуйста, здесь.');
    await eventually(async () => (await k.spoken()).includes('К вам идёт Ольга. Подождите, пожалуйста, здесь.'), 'the kiosk to say who is coming');
    await k.shot('help-coming-ru');
    expect(await axeFindings(k.page)).toEqual({ violations: [], incomplete: [] });
    expect(took).toBeLessThan(5_000);
    // Accepting a call whose customer had found an order opens the order at the desk; the call is on the first tab.
    await tablet.getByTestId('order-desk').locator(`[data-testid="desk-order"][data-order="${order.code}"]`).waitFor();
    await tablet.getByTestId('tab-help').click();
    await call.getByTestId('taken-by').waitFor();
    await expect(call.getByTestId('taken-by').textContent()).resolves.toBe('Принял(а): Ольга Сергеевна Иванова');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-queue-taken-ru.png` });
    // Helped: «Решено» takes it off every tablet's queue, and the kiosk that called leaves «К вам идёт Ольга».
    await call.getByTestId('resolve').click();
    await tablet.getByTestId('call').waitFor({ state: 'detached' });
    expect(await tones()).toHaveLength(2); // taking and closing a call do not ring
    await k.page.getByTestId('help').waitFor({ state: 'detached' });
    await k.waitForScreen('phone');
    await k.shot('help-resolved-ru');
    // A second call in the same visit reaches the tablets, and rings.
    await k.tap('call-staff');
    await k.page.locator('[data-testid="help-text"][data-state="called"]').waitFor();
    await tablet.getByTestId('call').waitFor();
    await eventually(async () => (await tones()).length === 4, 'the tablet to ring for the second call of the visit');

    // The supervisor reads today's staff actions: her wrong PIN, her sign-in, the call she took and closed.
    await tablet.getByTestId('tab-device').click();
    const audit = tablet.getByTestId('audit');
    await audit.getByText(/Ольга Иванова приняла вызов с киоска MSK1-K\d\d/).waitFor();
    const lines = await audit.locator('[data-testid="audit-entries"] li').allTextContents();
    // Sentences in staff words: who (her first name and surname), what, where; never a kind's name or an id.
    const mine = lines.filter((l) => l.includes('Ольга Иванова')).map((l) => l.replace(/^\d\d:\d\d /, '').replace(/ \(MSK1-T\d\d\)$/, ''));
    expect(mine).toEqual(expect.arrayContaining(['Ольга Иванова ошиблась ПИН-кодом', 'Ольга Иванова вошла', expect.stringMatching(/^Ольга Иванова приняла вызов с киоска MSK1-K\d\d$/), expect.stringMatching(/^Ольга Иванова закрыла вызов с киоска MSK1-K\d\d$/)]));
    for (const line of lines) expect(line).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|\b[a-z]+\.[a-z]+[A-Z]?[a-z]*\b/);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-audit-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await tablet.getByTestId('tab-help').click();

    // The visit ends with its second call open: the call is taken back.
    await k.tap('help-close');
    await k.tap('cancel');
    await k.waitForScreen('welcome');
    await tablet.getByTestId('call').waitFor({ state: 'detached' });
    // Another customer calls from the welcome screen and closes the dialog to wait: the
    // call stays (only the end of the visit takes it back, after the long wait and its
    // warning); when nobody comes and the kiosk is switched off, staff close it themselves.
    await k.tap('call-staff');
    await k.page.locator('[data-testid="help-text"][data-state="called"]').waitFor();
    await tablet.getByTestId('call').waitFor();
    await eventually(async () => (await tones()).length === 6, 'the tablet to ring for the next customer’s call');
    await k.tap('help-close');
    await new Promise((r) => setTimeout(r, 1_000));
    await expect(tablet.getByTestId('call').count()).resolves.toBe(1);
    await k.page.context().close();
    await tablet.getByTestId('call').getByTestId('accept').click();
    await tablet.getByTestId('call').getByTestId('resolve').click();
    await tablet.getByTestId('call').waitFor({ state: 'detached' });
    await tabletContext.close();
  });

  it('the tablet locks itself after 2 minutes untouched; the PIN opens it, checked by the server, or offline the shift’s own unlock code, a few tries only', async () => {
    const { context, tablet } = await suite.openTablet({ employeeNo: '1002', pin: '1357', fakeClock: true });
    // Right after sign-in: the shift's offline unlock code, once, large; never the PIN.
    const code = (await tablet.getByTestId('unlock-code').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^\d{4}$/);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-unlock-code-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await tablet.getByTestId('unlock-code-ok').click();
    await expect(tablet.getByTestId('unlock-code-notice').count()).resolves.toBe(0);
    // The chime, counted as it plays (two tones a ring).
    await tablet.evaluate(() => {
      const w = window as unknown as { tones: number };
      w.tones = 0;
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) { w.tones++; return create.call(this); };
    });
    const tones = () => tablet.evaluate(() => (window as unknown as { tones: number }).tones);
    await tablet.getByTestId('tab-device').click();
    await tablet.clock.runFor(60_000);
    await expect(tablet.locator('main[data-screen="tablet-locked"]').count()).resolves.toBe(0);
    await tablet.clock.runFor(61_000);
    await tablet.locator('main[data-screen="tablet-locked"]').waitFor();
    const locks = async () => (await suite.server.db.query("SELECT 1 FROM audit_log WHERE action = 'lock' AND employee_no = '1002'")).rows.length;
    await eventually(async () => (await locks()) === 1, 'the lock to reach the audit log');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-locked-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await expect(tablet.getByTestId('locked-waiting').textContent()).resolves.toBe('Никто не ждёт.');
    // A customer calls while the tablet is locked: the lock screen says who waits, where and
    // since when, and rings; the PIN opens the calls.
    const k = await suite.openKiosk();
    await k.tap('call-staff');
    await tablet.getByTestId('locked-waiting-count').getByText('Ждут: 1 вызов, 0 заказов').waitFor();
    await expect(tablet.getByTestId('locked-waiting-oldest').textContent()).resolves.toMatch(/^Дольше всех — киоск MSK1-K\d\d \(у входа\): только что$/);
    await tablet.clock.runFor(1_000);
    await eventually(async () => (await tones()) === 2, 'the locked tablet to ring for the call');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-locked-call-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await tablet.getByTestId('unlock-pin').fill('0000');
    await tablet.getByTestId('unlock').click();
    await tablet.getByTestId('unlock-note').getByText('Номер или ПИН-код не подошли. Осталось попыток: 4.').waitFor();
    await tablet.getByTestId('unlock-pin').fill('1357');
    await tablet.getByTestId('unlock').click();
    await tablet.locator('main[data-screen="tablet-home"]').waitFor();
    await expect(tablet.getByTestId('tab-help').getAttribute('aria-selected')).resolves.toBe('true');
    await tablet.getByTestId('call').getByTestId('accept').click();
    await k.page.locator('[data-testid="help-text"][data-state="coming"]').waitFor();
    await tablet.getByTestId('call').getByTestId('resolve').click();
    await tablet.getByTestId('call').waitFor({ state: 'detached' });
    await k.page.getByTestId('help').waitFor({ state: 'detached' });
    await k.page.context().close();

    // Locked again with the server down: the shift's unlock code opens it; the PIN does not
    // (nothing on the tablet can check a PIN, so nothing on it can be cracked into one).
    await tablet.clock.runFor(121_000);
    await tablet.locator('main[data-screen="tablet-locked"]').waitFor();
    await suite.server.stop();
    try {
      await tablet.getByTestId('unlock-pin').fill('1357');
      await tablet.getByTestId('unlock').click();
      await tablet.getByTestId('unlock-note').getByText('Код не подошёл. Осталось попыток без связи: 4.').waitFor();
      await tablet.getByTestId('locked-lead').getByText(/код разблокировки этой смены/).waitFor();
      await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-locked-offline-ru.png` });
      await tablet.getByTestId('unlock-pin').fill(code);
      await tablet.getByTestId('unlock').click();
      await tablet.locator('main[data-screen="tablet-home"]').waitFor();

      // Past the tries, the staff screens go and only the server's PIN check brings them back.
      await tablet.clock.runFor(121_000);
      await tablet.locator('main[data-screen="tablet-locked"]').waitFor();
      const wrong = code === '0000' ? '1111' : '0000';
      for (const left of [4, 3, 2, 1]) {
        await tablet.getByTestId('unlock-pin').fill(wrong);
        await tablet.getByTestId('unlock').click();
        await tablet.getByTestId('unlock-note').getByText(`Код не подошёл. Осталось попыток без связи: ${left}.`).waitFor();
      }
      await tablet.getByTestId('unlock-pin').fill(wrong);
      await tablet.getByTestId('unlock').click();
      await tablet.getByTestId('unlock-note').getByText('Попытки без связи закончились. Планшет откроется ПИН-кодом, когда вернётся связь с сервером.').waitFor();
      await expect(tablet.locator('main[data-screen="tablet-home"]').count()).resolves.toBe(0);
      await tablet.getByTestId('unlock-pin').fill(code);
      await tablet.getByTestId('unlock').click();
      await expect(tablet.locator('main[data-screen="tablet-home"]').count()).resolves.toBe(0);
      await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-locked-server-only-ru.png` });
    } finally {
      await suite.server.start();
    }
    await tablet.getByTestId('unlock-pin').fill('1357');
    await tablet.getByTestId('unlock').click();
    await tablet.locator('main[data-screen="tablet-home"]').waitFor();
    await context.close();
  });

  it('an unpaid order: the tablet sees the customer waiting, takes the cash with the change shown, and the kiosk goes on to the handover', async () => {
    const { context, tablet } = await suite.openTablet({ employeeNo: '1003', pin: '9753' });

    const k = await suite.openKiosk();
    const order = suite.server.takeOrder(false);
    const total = order.items.reduce((sum, i) => sum + i.priceKopecks * i.quantity, 0);
    await k.typeCodeAndPhone(order);
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    await expect(k.page.getByTestId('waiting-to-pay').textContent()).resolves.toBe('Оплатите заказ сотруднику: наличными или картой.');
    await expect(k.page.getByTestId('waiting-order').getByTestId('paid').textContent()).resolves.toBe('Не оплачен');
    await k.shot('waiting-unpaid-ru');

    const pickup = tablet.locator(`[data-testid="pickup"][data-order="${order.code}"]`);
    await pickup.waitFor();
    await expect(pickup.getByTestId('pickup-paid').textContent()).resolves.toMatch(/^К оплате /);
    // The cash form has a way back (the customer reaches for a card after all); nothing is recorded.
    await pickup.getByTestId('pay-cash').click();
    await pickup.getByTestId('payment-back').click();
    await expect(pickup.getByTestId('tendered').count()).resolves.toBe(0);
    await pickup.getByTestId('pay-cash').click();
    const tendered = Math.ceil((total + 1) / 100_000) * 1000; // whole thousands of roubles, more than the total
    await pickup.getByTestId('tendered').fill(String(tendered));
    const change = tendered * 100 - total;
    await expect(pickup.getByTestId('change').textContent()).resolves.toBe(`Сдача ${(change / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽`);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-pay-cash-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await pickup.getByTestId('record-payment').click();

    // The kiosk hears the payment, and goes on to the summary once the goods are there too.
    await k.page.locator('[data-testid="waiting"][data-paid="true"]').waitFor();
    await pickup.getByTestId('pickup-paid').getByText('Оплачен').waitFor();
    expect(await k.screen()).toBe('waiting');
    await pickup.getByTestId('brought').click();
    await pickup.getByTestId('brought-by').waitFor();
    await k.waitForScreen('summary');
    await k.tap('confirm');
    await k.waitForScreen('done');
    // The receipt says how it was paid: in cash at the desk, not online.
    const [receipt] = await k.printed();
    expect(paperText(receipt!)).toMatch(/Оплата +наличными/);
    const kinds = async () => (await suite.server.db.query<{ kind: string; status: string }>(
      "SELECT kind, status FROM transactions WHERE payload->>'orderCode' = $1 ORDER BY kind", [order.code])).rows;
    await eventually(async () => (await kinds()).length === 4, 'the wait, the payment, the goods and the handover to reach the server');
    expect(await kinds()).toEqual([
      { kind: 'order.paid', status: 'applied' }, { kind: 'order.pickedUp', status: 'applied' },
      { kind: 'pickup.brought', status: 'applied' }, { kind: 'pickup.waiting', status: 'applied' },
    ]);
    const { rows } = await suite.server.db.query<{ method: string; change: number }>('SELECT method, change_kopecks AS change FROM order_payments WHERE order_code = $1', [order.code]);
    expect(rows).toEqual([{ method: 'cash', change }]);
    // Handed over: off every tablet's list.
    await pickup.waitFor({ state: 'detached' });

    // The next customer waits, then changes their mind: the tablets stop bringing it.
    await k.tap('finish');
    const next = suite.server.takeOrder(true);
    await k.scan(next.scan);
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    const nextPickup = tablet.locator(`[data-testid="pickup"][data-order="${next.code}"]`);
    await nextPickup.waitFor();
    await expect(nextPickup.getByTestId('pickup-paid').textContent()).resolves.toBe('Оплачен');
    // What to bring, for whom, how long they have waited.
    await expect(nextPickup.getByTestId('pickup-goods').textContent()).resolves.toMatch(/^Принести: .+\u00a0×\u00a0\d/);
    await expect(nextPickup.getByTestId('pickup-who').textContent()).resolves.toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ]\., только что$/);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-pickup-counter-ru.png` });
    // «Отмена» asks first: a slip of the finger does not end the wait.
    await k.tap('cancel');
    await k.page.getByTestId('cancel-ask').waitFor();
    await k.shot('waiting-cancel-ask-ru');
    await k.tap('cancel-no');
    await expect(k.page.getByTestId('cancel-ask').count()).resolves.toBe(0);
    await k.waitForScreen('waiting');
    await k.tap('cancel');
    await k.tap('cancel-yes');
    await k.waitForScreen('welcome');
    await nextPickup.waitFor({ state: 'detached' });

    // Staff take a wait off the list (goods that cannot be brought now): they are asked
    // first, and the kiosk sends its customer to the desk with the order's code.
    const ghost = suite.server.takeOrder(true);
    await k.scan(ghost.scan);
    await k.tap('order-next');
    await k.waitForScreen('waiting');
    const ghostPickup = tablet.locator(`[data-testid="pickup"][data-order="${ghost.code}"]`);
    await ghostPickup.waitFor();
    await ghostPickup.getByTestId('pickup-dismiss').click();
    await ghostPickup.getByTestId('pickup-dismiss-ask').waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-pickup-dismiss-ask-ru.png` });
    await ghostPickup.getByTestId('pickup-dismiss-no').click();
    await ghostPickup.getByTestId('brought').waitFor();
    await ghostPickup.getByTestId('pickup-dismiss').click();
    await ghostPickup.getByTestId('pickup-dismiss-yes').click();
    await ghostPickup.waitFor({ state: 'detached' });
    await eventually(async () => (await k.page.getByTestId('waiting').getAttribute('data-desk')) === 'dismissed', 'the kiosk to send the customer to the desk');
    await expect(k.page.getByTestId('desk-code').textContent()).resolves.toContain(`${ghost.code.slice(0, 4)} ${ghost.code.slice(4)}`);
    await k.shot('waiting-dismissed-desk-ru');
    await k.page.context().close();
    await context.close();
  });

  it('a staff handover: the customer who forgot the phone calls, the tablet opens the found order, takes the card payment, checks the ID, hands it over with its own receipt number; staff also find orders by letter and digits', async () => {
    const { context, tablet } = await suite.openTablet();
    const desk = tablet.getByTestId('order-desk');

    // Without the code: the last name's first letter and the phone's last 4 digits.
    const paidOrder = suite.server.takeOrder(true);
    const { rows: [named] } = await suite.server.db.query<{ short: string }>('SELECT customer_short_name AS short FROM pickup_orders WHERE code = $1', [paidOrder.code]);
    const initial = named!.short.trim().split(/\s+/).at(-1)!.charAt(0);
    await tablet.locator('[data-testid="tablet-sync"][data-online="true"]').waitFor({ state: 'attached' }); // its first pull brought the branch's orders
    await tablet.getByTestId('tab-desk').click();
    await desk.getByTestId('desk-initial').fill(initial.toLowerCase());
    await desk.getByTestId('desk-last4').fill(paidOrder.last4 === '0000' ? '1111' : '0000');
    await desk.getByTestId('desk-find').click();
    await desk.getByTestId('desk-note').getByText('Такого заказа нет среди заказов к выдаче.').waitFor();
    await desk.getByTestId('desk-last4').fill(paidOrder.last4);
    await desk.getByTestId('desk-find').click();
    const pick = desk.locator(`[data-testid="desk-pick"][data-order="${paidOrder.code}"]`);
    await desk.locator(`[data-testid="desk-order"][data-order="${paidOrder.code}"], [data-testid="desk-pick"][data-order="${paidOrder.code}"]`).first().waitFor();
    if (await pick.count()) await pick.click();
    await desk.locator(`[data-testid="desk-order"][data-order="${paidOrder.code}"]`).waitFor();
    await desk.getByTestId('desk-cancel').click();
    await tablet.getByTestId('tab-help').click();

    // The customer at the kiosk has the code but not the phone: they call staff.
    const k = await suite.openKiosk();
    const order = suite.server.takeOrder(false);
    await k.tap('pickup');
    await k.typeOnKeypad(order.code);
    await k.tap('key-next');
    await k.waitForScreen('phone');
    await k.tap('call-staff');
    const call = tablet.getByTestId('call').first();
    await call.waitFor();
    await tablet.getByTestId('tab-help').getByText('Вызовы и заказы (ждут: 1)').waitFor(); // seen from any tab
    await call.getByTestId('accept').click();
    // The order the customer found is open at the desk, ready to continue.
    const opened = desk.locator(`[data-testid="desk-order"][data-order="${order.code}"]`);
    await opened.waitFor();
    await k.page.locator('[data-testid="help-text"][data-state="coming"]').waitFor();
    await expect(opened.getByTestId('desk-paid').textContent()).resolves.toMatch(/^К оплате /);
    await expect(opened.getByTestId('desk-hand-over').isDisabled()).resolves.toBe(true);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-desk-order-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await opened.getByTestId('pay-card').click();
    await opened.getByTestId('rrn').fill('123456789012');
    await opened.getByTestId('record-payment').click();
    await opened.getByTestId('desk-paid').getByText('Оплачен', { exact: true }).waitFor();
    // Paid, but not before the ID is checked.
    await expect(opened.getByTestId('desk-hand-over').isDisabled()).resolves.toBe(true);
    await opened.getByTestId('desk-id-checked').check();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-desk-id-checked-ru.png` });
    await opened.getByTestId('desk-hand-over').click();
    const done = desk.getByTestId('desk-done');
    await done.waitFor();
    const number = (await done.getAttribute('data-receipt'))!;
    expect(number).toMatch(/^MSK1-T\d\d-000001$/); // the tablet's own receipt numbers
    await expect(done.textContent()).resolves.toContain(`Заказ выдан. Чек ${number}.`);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-desk-done-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    // Printed at the tablet (its host: here the test's fake; Electron's printer or the browser's dialog for real).
    const printed = await tablet.evaluate(() => (window as unknown as { oknoFakeHost: { printed: { type: string; blocks: { kind: string; right?: string }[] }[] } }).oknoFakeHost.printed);
    expect(printed.map((d) => d.type)).toEqual(['receipt', ...Array<string>(await suite.server.warrantyUnits(order.items)).fill('warranty')]);
    expect(printed[0]!.blocks).toContainEqual(expect.objectContaining({ kind: 'pair', right: number }));

    await eventually(async () => (await suite.server.transactionsFor(order.code)).length === 1, 'the handover to reach the server');
    const [handover] = await suite.server.transactionsFor(order.code);
    expect(handover).toMatchObject({ status: 'applied', payload: { verifiedBy: 'staff', receiptNumber: number } });
    expect((handover!.payload as { staffSessionId?: string }).staffSessionId).toMatch(/^[0-9a-f-]{36}$/);
    // Found again, it is handed over already.
    await done.getByTestId('desk-close').click();
    await desk.getByTestId('desk-code').fill(order.code);
    await desk.getByTestId('desk-find').click();
    await desk.getByTestId('desk-note').getByText('Этот заказ уже выдан.').waitFor();
    await k.page.context().close();
    await context.close();
  });
});
