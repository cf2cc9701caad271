import { describe, expect, it } from 'vitest';
import type { PaperDocument } from '../../shared/documents';
import { axeFindings, tabletFindings } from './support/axe';
import { findChromium } from './support/chromium';
import { eventually, SCREENSHOTS } from './support/kiosk-page';
import { paperText } from './support/paper-text';
import { kioskSuite, signInOnTablet } from './support/suite';


/** Flow B on the tablet, through the real server: a cart, the customer's confirmation, cash, paper, the sale on the server. */
describe.skipIf(!findChromium())('assisted checkout on the tablet, in Chromium', () => {
  const suite = kioskSuite();

  it('a serial-numbered TV found with a typo and a kettle scanned; the customer confirms in large type; cash with change; receipt and warranty slip; the sale on the server once', async () => {
    const { rows: [tv] } = await suite.server.db.query<{ sku: string; name: string; price: number }>(
      "SELECT sku, name_ru AS name, price_kopecks::int AS price FROM products WHERE serial_required AND warranty_months > 0 AND name_ru LIKE 'Телевизор%Samsung%' ORDER BY sku LIMIT 1");
    const { rows: [kettle] } = await suite.server.db.query<{ sku: string; ean: string; price: number }>(
      "SELECT sku, ean13 AS ean, price_kopecks::int AS price FROM products WHERE NOT serial_required AND name_ru LIKE 'Чайник%' ORDER BY sku LIMIT 1");
    const { context, tablet } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    await tablet.locator('[data-testid="tablet-sync"][data-online="true"]').waitFor({ state: 'attached' }); // the catalogue is cached
    await tablet.reload(); // a reload signs out; the catalogue stays
    await signInOnTablet(tablet, '1002', '1357');
    await tablet.getByTestId('tab-sale').click();
    const checkout = tablet.getByTestId('checkout');

    // A typo still finds the TV; Samsung in Cyrillic.
    await checkout.getByTestId('sale-search').fill('тилевизор самсунг');
    await checkout.getByTestId('sale-find').click();
    await checkout.locator(`[data-testid="sale-result"][data-sku="${tv!.sku}"]`).getByTestId('sale-add').click();
    // The scanner reads the kettle's EAN-13 with no field focused: one burst of keys and Enter.
    await tablet.evaluate((digits) => {
      (document.activeElement as HTMLElement | null)?.blur();
      for (const ch of [...digits, 'Enter']) {
        const code = ch === 'Enter' ? 'Enter' : `Digit${ch}`;
        document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ch, code, bubbles: true, cancelable: true }));
      }
    }, kettle!.ean);
    await checkout.locator(`[data-testid="cart-line"][data-sku="${kettle!.sku}"]`).waitFor();
    await checkout.locator(`[data-testid="cart-line"][data-sku="${kettle!.sku}"]`).getByTestId('qty-more').click();
    // A mistyped code is said, and nothing is added.
    await checkout.getByTestId('sale-search').fill(`${kettle!.ean.slice(0, 12)}${(Number(kettle!.ean[12]) + 1) % 10}`);
    await checkout.getByTestId('sale-search').press('Enter');
    await checkout.getByTestId('sale-note').getByText('Такого кода нет в каталоге.').waitFor();
    expect(await checkout.getByTestId('cart-line').count()).toBe(2);

    // Not before the TV's serial number is recorded; never the same serial twice.
    await expect(checkout.getByTestId('sale-show').isDisabled()).resolves.toBe(true);
    const tvLine = checkout.locator(`[data-testid="cart-line"][data-sku="${tv!.sku}"]`);
    await tvLine.getByTestId('serial-input').fill('sn-4711-0001');
    await tvLine.getByTestId('serial-input').press('Enter');
    await tvLine.getByTestId('serial').waitFor();
    await expect(tvLine.getByTestId('serial').locator('span').first().textContent()).resolves.toBe('SN-4711-0001'); // in capitals, as on the unit
    await tvLine.getByTestId('qty-more').click(); // a second TV needs its own number, not the same one
    await tvLine.getByTestId('serial-input').fill('SN-4711-0001');
    await tvLine.getByTestId('serial-input').press('Enter');
    await tvLine.getByTestId('serial-note').getByText('Этот серийный номер уже есть в продаже.').waitFor();
    await tvLine.getByTestId('qty-less').click();
    const total = tv!.price + 2 * kettle!.price;
    await expect(checkout.getByTestId('sale-total').textContent()).resolves.toBe(`Итого: ${(total / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽`);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sale-cart-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });

    // The customer checks it in large type; only their «Всё верно» goes on.
    await checkout.getByTestId('sale-show').click();
    const view = tablet.getByTestId('customer-view');
    await view.waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sale-customer-ru.png` });
    const sizes = await view.evaluate((el) => ({
      smallestText: Math.min(...[...el.querySelectorAll('h1, p, li span, button')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
      smallestButton: Math.min(...[...el.querySelectorAll('button')].map((b) => Math.min(b.getBoundingClientRect().width, b.getBoundingClientRect().height))),
    }));
    expect(sizes.smallestText).toBeGreaterThanOrEqual(28);
    expect(sizes.smallestButton).toBeGreaterThanOrEqual(76); // 20 mm
    const spoken = await tablet.evaluate(() => (window as unknown as { oknoFakeHost: { speech: { spoken: { text: string }[] } } }).oknoFakeHost.speech.spoken.map((s) => s.text));
    expect(spoken).toContain('Проверьте покупку: 3 товара. Если всё верно, нажмите «Всё верно». Если нет, нажмите «Отмена».');
    await view.getByTestId('customer-cancel').click();
    await checkout.locator('[data-stage="cart"]').or(checkout).first().waitFor();
    expect(await checkout.getAttribute('data-stage')).toBe('cart');
    await checkout.getByTestId('sale-show').click();
    await tablet.getByTestId('customer-ok').click();

    // Cash: the change in large digits.
    const pay = checkout.getByTestId('sale-pay');
    await pay.waitFor();
    const tendered = Math.ceil(total / 500_000) * 5_000; // whole 5,000-rouble notes
    // No method is chosen for the staff member; choosing one has a way back.
    await expect(pay.getByTestId('tendered').count()).resolves.toBe(0);
    await expect(pay.getByTestId('sale-cash').getAttribute('aria-checked')).resolves.toBe('false');
    await pay.getByTestId('sale-card').click();
    await pay.getByTestId('payment-back').click();
    await expect(pay.getByTestId('rrn').count()).resolves.toBe(0);
    await pay.getByTestId('sale-cash').click();
    await pay.getByTestId('tendered').fill(String(tendered));
    const change = tendered * 100 - total;
    await expect(pay.getByTestId('change').textContent()).resolves.toBe(`Сдача ${(change / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽`);
    // The whole payment step on the tablet's 800 px, once the shift's unlock code is put away: nothing to scroll to.
    if (await tablet.getByTestId('unlock-code-ok').count()) await tablet.getByTestId('unlock-code-ok').click();
    await tablet.evaluate(() => window.scrollTo(0, 0));
    const payBottom = await pay.getByTestId('record-payment').evaluate((el) => el.getBoundingClientRect().bottom);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sale-pay-ru.png` });
    expect(payBottom).toBeLessThanOrEqual(800);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sale-pay-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await pay.getByTestId('record-payment').click();
    const done = checkout.getByTestId('sale-done');
    await done.waitFor();
    const number = (await done.getAttribute('data-receipt'))!;
    expect(number).toMatch(/^MSK1-T\d\d-\d{6}$/);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sale-done-ru.png` });

    // The paper: the receipt with the cash and the seller; a warranty slip for every unit
    // with a warranty (the TV's with its serial number, the kettles' with a line to write it on).
    const printed = await tablet.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed) as PaperDocument[];
    expect(printed.map((d) => d.type)).toEqual(['receipt', 'warranty', 'warranty', 'warranty']);
    const receipt = paperText(printed[0]!);
    expect(receipt).toContain('ТОВАРНЫЙ ЧЕК');
    expect(receipt).toMatch(new RegExp(`Чек № +${number}`));
    expect(receipt).toMatch(/Оплата +наличными/);
    expect(receipt).toMatch(/Получено +[\d ]+,00 руб\./);
    expect(receipt).toMatch(/Сдача +[\d ]+,\d\d руб\./);
    expect(receipt).toMatch(/Продавец +Дмитрий О\./);
    expect(receipt).toMatch(/2 шт\. x/);
    const slip = paperText(printed[1]!);
    expect(slip).toContain('ГАРАНТИЙНЫЙ ТАЛОН');
    expect(slip).toMatch(/Серийный № +SN-4711-0001/);
    expect(slip).toMatch(new RegExp(`Чек № +${number}`));
    for (const kettleSlip of printed.slice(2).map(paperText)) expect(kettleSlip).toMatch(/Серийный № +_{8,}/);

    // On the server once, with the serial sold.
    const sales = async () => (await suite.server.db.query<{ status: string; payload: { lines: { sku: string; serials?: string[] }[] } }>(
      "SELECT status, payload FROM transactions WHERE kind = 'sale.completed' AND payload->>'receiptNumber' = $1", [number])).rows;
    await eventually(async () => (await sales()).length === 1, 'the sale to reach the server');
    expect((await sales())[0]).toMatchObject({ status: 'applied' });
    const { rows: serials } = await suite.server.db.query('SELECT serial FROM sold_serials WHERE sku = $1', [tv!.sku]);
    expect(serials).toEqual([{ serial: 'SN-4711-0001' }]);
    const { rows: [paid] } = await suite.server.db.query<{ method: string; change: number }>(
      'SELECT p.method, p.change_kopecks::int AS change FROM sale_payments p JOIN sales s ON s.id = p.sale_id WHERE s.receipt_number = $1', [number]);
    expect(paid).toEqual({ method: 'cash', change });
    await done.getByTestId('sale-next').click();
    await checkout.getByText('Корзина пуста.').waitFor();

    // An associate cannot refund; the supervisor, on her own tablet, finds the receipt by
    // its number and takes back one kettle and the TV by its serial number.
    await tablet.getByTestId('tab-refund').click();
    await tablet.getByTestId('refund-supervisor-only').getByText('Возвраты оформляет старший смены.').waitFor();
    const { context: supervisorContext, tablet: supervisor } = await suite.openTablet();
    await supervisor.getByTestId('tab-refund').click();
    const refund = supervisor.getByTestId('refund');
    await refund.getByTestId('refund-find').fill('MSK1-T99-000001');
    await refund.getByTestId('refund-find-button').click();
    await refund.getByTestId('refund-note').getByText('Такого чека или заказа нет в этом магазине.').waitFor();
    await refund.getByTestId('refund-find').fill(number.toLowerCase());
    await refund.getByTestId('refund-find-button').click();
    const kettleLine = refund.locator(`[data-testid="refund-line"][data-sku="${kettle!.sku}"]`);
    await kettleLine.waitFor();
    await kettleLine.getByTestId('refund-more').click();
    await refund.locator('[data-testid="refund-serial"][data-serial="SN-4711-0001"]').check();
    const back = tv!.price + kettle!.price;
    await expect(refund.getByTestId('refund-total').textContent()).resolves.toBe(`К возврату ${(back / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽ наличными из кассы`);
    await supervisor.screenshot({ path: `${SCREENSHOTS}/tablet-refund-ru.png`, fullPage: true });
    expect(await tabletFindings(supervisor)).toEqual({ violations: [], incomplete: [], small: [] });
    await refund.getByTestId('refund-record').click();
    const refunded = refund.getByTestId('refund-done');
    await refunded.waitFor();
    const slipNumber = (await refunded.getAttribute('data-receipt'))!;
    await expect(refunded.getByTestId('refund-pay-out').textContent()).resolves.toBe(`Выдайте покупателю ${(back / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽ из кассы.`);
    const [refundSlip] = await supervisor.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed) as PaperDocument[];
    const slipText = paperText(refundSlip!);
    expect(slipText).toContain('ВОЗВРАТ');
    expect(slipText).toMatch(new RegExp(`К чеку № +${number}`));
    expect(slipText).toMatch(new RegExp(`Возврат № +${slipNumber}`));
    expect(slipText).toMatch(/Возврат +наличными из кассы/);
    const refundsOnServer = async () => (await suite.server.db.query<{ amount: number }>(
      'SELECT r.amount_kopecks::int AS amount FROM refunds r JOIN sales s ON s.id = r.sale_id WHERE s.receipt_number = $1', [number])).rows;
    await eventually(async () => (await refundsOnServer()).length === 1, 'the refund to reach the server');
    expect(await refundsOnServer()).toEqual([{ amount: back }]);
    // Found again: one kettle is all that is left.
    await refund.getByTestId('refund-find').fill(number);
    await refund.getByTestId('refund-find-button').click();
    await kettleLine.getByText(/можно вернуть 1 шт\./).waitFor();
    expect(await refund.getByTestId('refund-serial').count()).toBe(0);
    await supervisorContext.close();
    await context.close();
  });

  it('a TV with its serial and an iron, confirmed on a kiosk at its welcome screen (never in another customer’s visit); cash with change; receipt and warranty slip print there; the card holder’s book gets the lines', async () => {
    const { rows: [tv] } = await suite.server.db.query<{ sku: string; price: number }>(
      "SELECT sku, price_kopecks::int AS price FROM products WHERE serial_required AND warranty_months > 0 AND name_ru LIKE 'Телевизор%' ORDER BY sku DESC LIMIT 1");
    const { rows: [kettle] } = await suite.server.db.query<{ sku: string; ean: string; price: number }>(
      "SELECT sku, ean13 AS ean, price_kopecks::int AS price FROM products WHERE NOT serial_required AND name_ru LIKE 'Утюг%' ORDER BY sku LIMIT 1");
    await suite.server.putShopperWords({ 'гладилка': 'утюг' }); // the back office's own word for it
    const k = await suite.openKiosk();
    const kioskCode = await k.deviceCode();
    const { context, tablet } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    await tablet.getByTestId('tab-sale').click();
    const checkout = tablet.getByTestId('checkout');
    await tablet.locator('[data-testid="tablet-sync"][data-online="true"]').waitFor({ state: 'attached' });
    await checkout.getByTestId('sale-search').fill('гладилка philips');
    await checkout.getByTestId('sale-find').click();
    await checkout.locator(`[data-testid="sale-result"][data-sku="${kettle!.sku}"]`).getByTestId('sale-add').click();
    await checkout.getByTestId('sale-search').fill(tv!.sku); // the SKU typed: straight in
    await checkout.getByTestId('sale-search').press('Enter');
    const tvLine = checkout.locator(`[data-testid="cart-line"][data-sku="${tv!.sku}"]`);
    await tvLine.getByTestId('serial-input').fill('KX-2026-0042');
    await tvLine.getByTestId('serial-input').press('Enter');
    await tvLine.getByTestId('serial').waitFor();
    const total = tv!.price + kettle!.price;
    const onKiosk = checkout.locator(`[data-testid="sale-show-kiosk"][data-kiosk="${kioskCode}"]`);
    await expect(onKiosk.textContent()).resolves.toBe(`На киоске ${kioskCode} (у входа)`);

    // In the middle of another customer's visit the kiosk shows nothing; the tablet is told.
    await k.tap('pickup');
    await k.waitForScreen('code');
    await onKiosk.click();
    await checkout.getByTestId('sale-note').getByText('Этот киоск занят другим покупателем. Выберите другой или покажите на планшете.').waitFor();
    expect(await k.screen()).toBe('code');
    await k.tap('cancel');
    await k.waitForScreen('welcome');

    // At the welcome screen: the cart in large type, spoken; the customer's tap goes back.
    await onKiosk.click();
    await checkout.getByTestId('sale-kiosk-waiting').waitFor();
    await k.waitForScreen('cart');
    await expect(k.page.getByTestId('cart-total').textContent()).resolves.toBe(`${(total / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽`);
    await k.shot('cart-ru');
    expect(await axeFindings(k.page)).toEqual({ violations: [], incomplete: [] });
    await k.tap('cart-ok');
    await k.page.locator('[data-testid="cart-answered"][data-answer="confirmed"]').waitFor();
    await k.shot('cart-answered-ru');
    const pay = checkout.getByTestId('sale-pay');
    await pay.waitFor();
    // Card first, then the customer decides on cash: never more than 4 digits of a card kept.
    await pay.getByTestId('sale-card').click();
    await pay.getByTestId('rrn').fill('987654321098');
    await pay.getByTestId('card-last4').fill('424242');
    await expect(pay.getByTestId('card-last4').inputValue()).resolves.toBe('4242');
    await pay.getByTestId('sale-cash').click();
    const tendered = Math.ceil(total / 500_000) * 5_000;
    await pay.getByTestId('tendered').fill(String(tendered));
    const change = tendered * 100 - total;
    await expect(pay.getByTestId('change').textContent()).resolves.toBe(`Сдача ${(change / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, '\u00a0')}\u00a0₽`);
    // The customer's passbook card: a mistyped number is refused in words; the scanned one shows its last 4 digits only.
    const { rows: [holder] } = await suite.server.db.query<{ card: string }>('SELECT card_number AS card FROM customers ORDER BY card_number LIMIT 1');
    const mistyped = holder!.card.slice(0, 12) + String((Number(holder!.card[12]) + 1) % 10);
    await pay.getByTestId('passbook-card-input').fill(mistyped);
    await pay.getByTestId('passbook-card-add').click();
    await pay.getByRole('alert').getByText('Это не номер карты: проверьте цифры или отсканируйте карту.').waitFor();
    await pay.getByTestId('passbook-card-input').fill(holder!.card);
    await pay.getByTestId('passbook-card-input').press('Enter');
    await pay.getByTestId('passbook-card').getByText(`Карта •••• ${holder!.card.slice(-4)}: покупка попадёт в сберкнижку`).waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sale-pay-card-ru.png`, fullPage: true });
    await pay.getByTestId('record-payment').click();
    const number = (await checkout.getByTestId('sale-done').getAttribute('data-receipt'))!;
    // The paper prints at the kiosk, next to the customer; the tablet hears it came out.
    await k.page.getByTestId('cart-printed').waitFor();
    // Paid and printed: the kiosk no longer asks the customer to pay.
    await expect(k.page.getByTestId('cart-answered').textContent()).resolves.toBe('Спасибо за покупку!');
    await k.shot('cart-printed-ru');
    const atKiosk = await k.printed();
    expect(atKiosk.map((d) => d.type)).toEqual(['receipt', ...Array<string>(await suite.server.warrantyUnits([{ sku: kettle!.sku, quantity: 1 }, { sku: tv!.sku, quantity: 1 }])).fill('warranty')]);
    const receipt = paperText(atKiosk[0]!);
    expect(receipt).toMatch(new RegExp(`Чек № +${number}`));
    expect(receipt).toMatch(/Оплата +наличными/);
    expect(receipt).toMatch(new RegExp(`Сдача +${(change / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, ' ')} руб\\.`));
    expect(receipt).not.toContain('4242');
    const tvSlip = atKiosk.slice(1).map(paperText).find((slip) => slip.includes('KX-2026-0042'));
    expect(tvSlip).toMatch(/Серийный № +KX-2026-0042/);
    expect(tvSlip).toMatch(new RegExp(`Чек № +${number}`));
    await checkout.locator('[data-testid="sale-printed-at"][data-outcome="ok"]').getByText(`Чек и гарантийные талоны напечатаны на киоске ${kioskCode}.`).waitFor();
    expect(await tablet.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed.length)).toBe(0);
    const onServer = async () => (await suite.server.db.query<{ on: string; method: string; change: number }>(
      'SELECT s.confirmed_on AS on, p.method, p.change_kopecks::int AS change FROM sales s JOIN sale_payments p ON p.sale_id = s.id WHERE s.receipt_number = $1', [number])).rows;
    await eventually(async () => (await onServer()).length === 1, 'the sale to reach the server');
    expect(await onServer()).toEqual([{ on: 'kiosk', method: 'cash', change }]);
    // The card holder's book got the purchase and its payment, the balance unchanged.
    const { rows: book } = await suite.server.db.query<{ text: string; amount: number; balance: number }>(
      `SELECT e.text_ru AS text, e.amount_kopecks::int AS amount, e.balance_kopecks::int AS balance FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
       WHERE c.card_number = $1 ORDER BY e.line_no DESC LIMIT 3`, [holder!.card]);
    expect(book.map((l) => [l.text, l.amount])).toEqual([['Оплата наличными', total], [`Покупка, чек ${number}`, -total], [expect.any(String), expect.any(Number)]]);
    expect(book[0]!.balance).toBe(book[2]!.balance);
    await k.tap('finish');
    await k.waitForScreen('welcome');
    // Reloaded (a crash, a restart), the kiosk replays the day's events: the answered cart stays answered.
    await k.page.reload();
    await k.waitForScreen('welcome');
    await k.waitForSync();
    await k.page.waitForTimeout(1500);
    expect(await k.screen()).toBe('welcome');
    await k.page.context().close();
    await context.close();
  });

  it('two supervisors refund the same unit while the server is down: the server applies one, and the other tablet names the refusal in words', async () => {
    const sale = await suite.server.sold(1);
    const tablets = [await suite.openTablet(), await suite.openTablet()];
    for (const { tablet } of tablets) {
      await tablet.getByTestId('tab-refund').click();
      await tablet.getByTestId('refund-find').fill(sale.receiptNumber);
      await tablet.getByTestId('refund-find-button').click();
      await tablet.locator(`[data-testid="refund-line"][data-sku="${sale.sku}"]`).waitFor();
    }
    await suite.server.stop();
    try {
      for (const { tablet } of tablets) {
        await tablet.getByTestId('refund-more').click();
        await tablet.getByTestId('refund-record').click();
        await tablet.getByTestId('refund-done').waitFor(); // recorded on the tablet, offline
      }
    } finally {
      await suite.server.start();
    }
    for (const { tablet } of tablets) await tablet.evaluate(() => window.dispatchEvent(new Event('online')));
    const statuses = async () => (await suite.server.db.query<{ status: string; reason: string | null }>(
      "SELECT status, reason FROM transactions WHERE kind = 'sale.refunded' AND payload->>'saleId' = (SELECT id::text FROM sales WHERE receipt_number = $1) ORDER BY status", [sale.receiptNumber])).rows;
    await eventually(async () => (await statuses()).length === 2, 'both refunds to reach the server');
    expect(await statuses()).toEqual([{ status: 'applied', reason: null }, { status: 'rejected', reason: 'over-refund' }]);
    for (const { tablet } of tablets) await tablet.getByTestId('tab-device').click();
    const rejected = async () => (await Promise.all(tablets.map(({ tablet }) => tablet.locator('[data-testid="tablet-rejected"] li').allTextContents()))).flat();
    await eventually(async () => (await rejected()).length > 0, 'the refusal to reach the refused tablet');
    const lines = await rejected();
    expect(lines).toEqual(['Возврат: это уже вернули (возможно, на другом планшете)']);
    for (const { context } of tablets) await context.close();
  });
});

