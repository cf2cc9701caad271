import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PaperDocument } from '../../shared/documents';
import { formatMoney } from '../../shared/domain/money';
import { formatOrderCode } from '../../shared/domain/order-code';
import { paperId } from '../../shared/domain/paper-id';
import { formatScanCode } from '../../shared/domain/scan-code';
import { buildServices } from '../../server/services';
import { demoData } from '../../server/seed/demo-data';
import { tabletFindings } from './support/axe';
import { findChromium } from './support/chromium';
import { eventually, SCREENSHOTS } from './support/kiosk-page';
import { paperText } from './support/paper-text';
import { kioskSuite } from './support/suite';

/**
 * Issue 24, item 3: goods of a pickup order a kiosk handed over come back at the desk. A
 * kiosk and a supervisor's tablet in Chromium, through the real server: the order found by
 * the kiosk's receipt number (and again by the receipt's QR), a TV by the serial read off
 * it and a unit of another line, the slip saying the shop returns the money online, the
 * return on the server once; another branch's order and an order still on the shelf said
 * in words.
 */
describe.skipIf(!findChromium())('returns of handed-over orders on the tablet, in Chromium', () => {
  const suite = kioskSuite();

  it('a kiosk hands an order paid online over; the supervisor takes back the TV by its serial and one unit of another line; the slip says the shop returns the money online', async () => {
    // A demo order paid online with a serial-numbered product, another line, and more units than come back now.
    const { rows: candidates } = await suite.server.db.query<{ code: string }>(
      `SELECT o.code FROM pickup_orders o WHERE o.paid AND o.status = 'ready' AND (SELECT sum((i->>'quantity')::int) FROM jsonb_array_elements(o.items) i) > 2
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(o.items) i JOIN products p ON p.sku = i->>'sku' WHERE p.serial_required)
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(o.items) i JOIN products p ON p.sku = i->>'sku' WHERE NOT p.serial_required)
       ORDER BY o.code`);
    const order = demoData().orders.find((o) => o.code === candidates[0]!.code)!;
    const { rows: lines } = await suite.server.db.query<{ sku: string; name: string; qty: number; price: number; serial: boolean }>(
      `SELECT i->>'sku' AS sku, i->>'name' AS name, (i->>'quantity')::int AS qty, (i->>'priceKopecks')::int AS price, p.serial_required AS serial
       FROM pickup_orders o, jsonb_array_elements(o.items) i JOIN products p ON p.sku = i->>'sku' WHERE o.code = $1`, [order.code]);
    const tv = lines.find((l) => l.serial)!;
    const other = lines.find((l) => !l.serial)!;

    // The kiosk hands it over: scanned, the goods brought by staff, confirmed.
    const k = await suite.openKiosk();
    await k.scan(formatScanCode(order.code, order.scanSecret));
    await k.waitForScreen('order');
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    await eventually(async () => (await suite.server.transactionsFor(order.code)).some((t) => t.status === 'applied'), 'the handover to reach the server');
    const receiptNumber = (await suite.server.transactionsFor(order.code))[0]!.payload.receiptNumber;
    expect(receiptNumber).toMatch(/^MSK1-K\d\d-\d{6}$/);

    const { context, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-refund').click();
    const refund = tablet.getByTestId('refund');
    const note = refund.getByTestId('refund-note');

    // Another branch's order, and an order still on the shelf: said in words, nothing to choose.
    const elsewhere = await anotherBranchOrder();
    await refund.getByTestId('refund-find').fill(formatOrderCode(elsewhere.code));
    await refund.getByTestId('refund-find-button').click();
    await note.getByText(`Это чек или заказ другого магазина: «${elsewhere.branchName}». Вернуть товар по нему можно только там.`).waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-return-other-branch-ru.png` });
    const onShelf = demoData().orders.find((o) => o.input.paid && o.code !== order.code)!;
    await refund.getByTestId('refund-find').fill(onShelf.code);
    await refund.getByTestId('refund-find-button').click();
    await note.getByText(`Заказ ${formatOrderCode(onShelf.code)} ещё не выдан: он ждёт покупателя, возвращать нечего.`).waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-return-not-handed-over-ru.png` });
    expect(await refund.getByTestId('refund-order').count()).toBe(0);

    // The kiosk's receipt, by its number: where and how it was paid, what can come back.
    await refund.getByTestId('refund-find').fill(receiptNumber.toLowerCase());
    await refund.getByTestId('refund-find-button').click();
    const found = refund.locator(`[data-testid="refund-order"][data-order="${order.code}"]`);
    await found.waitFor();
    await expect(note.textContent()).resolves.toBe('');
    await expect(found.getByTestId('refund-handed-over').textContent()).resolves.toMatch(/^Выдан на киоске MSK1-K\d\d\. Оплачен онлайн при заказе\.$/);
    const tvLine = found.locator(`[data-testid="refund-line"][data-sku="${tv.sku}"]`);
    const otherLine = found.locator(`[data-testid="refund-line"][data-sku="${other.sku}"]`);
    await expect(tvLine.locator('p').first().textContent()).resolves.toBe(`${tv.name}: можно вернуть ${tv.qty} шт. по ${formatMoney(tv.price, 'ru')}`);
    // Nothing chosen, nothing to record; the TV only with the serial read off it, in capitals.
    await expect(found.getByTestId('refund-record').isDisabled()).resolves.toBe(true);
    await tvLine.getByTestId('serial-add').click();
    await tvLine.getByTestId('serial-note').getByText('Введите или отсканируйте серийный номер с возвращаемого товара.').waitFor();
    await tvLine.getByTestId('serial-input').fill('sn-2026-0777');
    await tvLine.getByTestId('serial-input').press('Enter');
    await expect(tvLine.getByTestId('serial').locator('span').first().textContent()).resolves.toBe('SN-2026-0777');
    await otherLine.getByTestId('refund-more').click();
    const back = tv.price + other.price;
    await expect(found.getByTestId('refund-total').textContent()).resolves.toBe(`К возврату ${formatMoney(back, 'ru')}`);
    await expect(found.getByTestId('refund-online').textContent()).resolves.toBe('Деньги за заказ, оплаченный онлайн, магазин вернёт онлайн. Из кассы ничего не выдавайте.');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-return-order-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });

    await found.getByTestId('refund-record').click();
    const done = refund.getByTestId('refund-done');
    await done.waitFor();
    const slipNumber = (await done.getAttribute('data-receipt'))!;
    expect(slipNumber).toMatch(/^MSK1-T\d\d-\d{6}$/);
    await expect(done.getByTestId('refund-pay-out').textContent()).resolves.toBe('Деньги вернёт магазин онлайн: из кассы ничего не выдавайте.');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-return-done-ru.png` });

    // The slip as printed: the order's receipt and code, the units at the order's prices, the money's way back, the customer's signature for the goods.
    const [slip, ...more] = await tablet.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed) as PaperDocument[];
    expect(more).toEqual([]);
    const text = paperText(slip!);
    expect(text).toContain('ВОЗВРАТ');
    expect(text).toMatch(new RegExp(`Возврат № +${slipNumber}`));
    expect(text).toMatch(new RegExp(`К чеку № +${receiptNumber}`));
    expect(text).toMatch(new RegExp(`Заказ +${formatOrderCode(order.code)}`));
    expect(text).toMatch(new RegExp(`К ВОЗВРАТУ +${formatMoney(back, 'ru').replace(/\s/g, ' ').replace('₽', 'руб\\.')}`));
    expect(text).toContain('Возврат: магазин вернёт деньги онлайн');
    expect(text).toContain('товар сдал(а), подпись покупателя');
    expect(text).not.toContain('деньги получил(а)');

    // On the server once: the order's return, its money the shop's to pay back online.
    const onServer = async () => (await suite.server.db.query<{ method: string; amount: number; number: string }>(
      'SELECT method, amount_kopecks::int AS amount, receipt_number AS number FROM refunds WHERE order_code = $1', [order.code])).rows;
    await eventually(async () => (await onServer()).length === 1, 'the return to reach the server');
    expect(await onServer()).toEqual([{ method: 'online', amount: back, number: slipNumber }]);
    const { rows: serials } = await suite.server.db.query('SELECT rl.serials FROM refund_lines rl JOIN refunds r ON r.id = rl.refund_id WHERE r.order_code = $1 AND rl.sku = $2', [order.code, tv.sku]);
    expect(serials).toEqual([{ serials: ['SN-2026-0777'] }]);

    // Found again by the receipt's QR (a scanner types it into the field): the TV came back.
    await refund.getByTestId('refund-find').fill(`okno:receipt:${paperId('receipt', receiptNumber)}`);
    await refund.getByTestId('refund-find').press('Enter');
    await tvLine.getByText(`${tv.name}: можно вернуть ${tv.qty - 1} шт.`, { exact: false }).waitFor();
    await expect(otherLine.locator('p').first().textContent()).resolves.toContain(`можно вернуть ${other.qty - 1} шт.`);
    expect(await tvLine.getByTestId('serial-input').count()).toBe(tv.qty - 1 > 0 ? 1 : 0);
    // The same in English, for a supervisor who reads it.
    await tablet.getByTestId('tablet-lang').click();
    await expect(found.getByTestId('refund-handed-over').textContent()).resolves.toMatch(/^Handed over at kiosk MSK1-K\d\d\. Paid online when ordered\.$/);
    await expect(found.getByTestId('refund-online').textContent()).resolves.toBe('The order was paid online: the shop returns the money online. Pay nothing out of the till.');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-return-order-en.png`, fullPage: true });
    await k.page.context().close();
    await context.close();
  });

  /** A ready order of another branch of the same shop, put by the back office. */
  async function anotherBranchOrder(): Promise<{ code: string; branchName: string }> {
    const services = buildServices(suite.server.db);
    const branchName = 'Электроника на Тверской';
    await services.repos.branches.insert(suite.server.db, { id: randomUUID(), code: 'MSK2', name: branchName, legalName: 'ООО «Окно Электроника»', inn: demoData().branch.inn, address: 'г. Москва, ул. Тверская, д. 7' });
    const code = '47999998';
    await services.catalogue.putOrder(code, { ...demoData().orders[0]!.input, branchCode: 'MSK2', status: 'ready' });
    return { code, branchName };
  }
});
