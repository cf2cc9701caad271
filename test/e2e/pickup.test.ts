import { describe, expect, it } from 'vitest';
import { KIOSK_VIEWPORT, findChromium } from './support/chromium';
import { eventually, kioskPage } from './support/kiosk-page';
import { kioskSuite } from './support/suite';

/** Flow A in Debian Chromium against the real server on PGlite with the demo data. */
describe.skipIf(!findChromium())('kiosk pickup in Chromium', () => {
  const suite = kioskSuite();
  const openKiosk = () => suite.openKiosk();

  async function pickedUpOnServer(code: string) {
    await eventually(async () => (await suite.server.transactionsFor(code)).length > 0, `the pickup of ${code} to reach the server`);
    return suite.server.transactionsFor(code);
  }

  it('a scanned order code is picked up in 3 taps, printed, and reaches the server once', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.scan(order.scan);
    await k.waitForScreen('order');
    await expect(k.page.getByTestId('customer').textContent()).resolves.not.toBe(order.customer); // masked
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code, 'waiting-ru');
    await expect(k.page.getByTestId('summary-lead').textContent()).resolves.toBe('Ваш заказ принесли. Проверьте, что все товары у вас и они целые. Потом подтвердите.');
    await k.tap('confirm');
    await k.waitForScreen('done');
    await expect(k.page.locator('.screen-title').textContent()).resolves.toBe('Готово! Заберите чек');
    const [receipt, ...slips] = await k.printed();
    expect(receipt).toMatchObject({ type: 'receipt', lang: 'ru', copy: false });
    // A warranty slip for every unit with a warranty, each with the receipt's number.
    const units = await suite.server.warrantyUnits(order.items);
    expect(units).toBeGreaterThan(0);
    expect(slips).toHaveLength(units);
    for (const slip of slips) {
      expect(slip).toMatchObject({ type: 'warranty', lang: 'ru', copy: false });
      expect(slip.blocks).toContainEqual(expect.objectContaining({ text: 'ГАРАНТИЙНЫЙ ТАЛОН' }));
    }
    await expect(k.page.locator('main .lead').first().textContent()).resolves.toBe('Спасибо! Возьмите из принтера чек и гарантийные талоны.');
    await k.tap('finish');
    await k.waitForScreen('welcome');
    expect(k.taps).toBeLessThanOrEqual(3);
    const txs = await pickedUpOnServer(order.code);
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ status: 'applied', payload: { verifiedBy: 'qr' } });
    expect(receipt!.blocks).toContainEqual(expect.objectContaining({ kind: 'pair', right: txs[0]!.payload.receiptNumber }));
    for (const slip of slips) expect(slip.blocks).toContainEqual(expect.objectContaining({ kind: 'pair', right: txs[0]!.payload.receiptNumber }));
    await k.page.context().close();
  });

  it('a typed code is confirmed with the phone digits; the customer sees only masked data', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.tap('pickup');
    await k.typeOnKeypad(order.code);
    await expect(k.page.getByTestId('digits').textContent()).resolves.toBe(`${order.code.slice(0, 4)} ${order.code.slice(4)}`);
    await k.tap('key-next');
    await k.waitForScreen('phone');
    await k.typeOnKeypad(order.last4);
    await k.tap('key-next');
    await k.waitForScreen('order');
    const text = await k.page.locator('main').innerText();
    expect(text).toMatch(/\+7 ••• •••-••-\d\d/);
    expect(text).not.toContain(order.customer); // the full name never reaches the kiosk
    expect(text).not.toContain(order.last4);
    for (const item of order.items) expect(text).toContain(item.name);
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    const txs = await pickedUpOnServer(order.code);
    // What came out is said in words: the receipt's number, as printed on it.
    await expect(k.page.getByTestId('printed-what').textContent()).resolves.toMatch(new RegExp(`^Напечатаны: чек № ${txs[0]!.payload.receiptNumber}( и \\d+ гарантийн[а-я]+ талон[а-я]*)?\\.$`));
    expect(txs).toMatchObject([{ status: 'applied', payload: { verifiedBy: 'phone' } }]);
    await k.page.context().close();
  });

  it('a mistyped code is caught by the check digit before any lookup; «Дальше» too early is a hint, not a try; three mistakes call staff to the kiosk with the step; the keys never move', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    const lookups: string[] = [];
    k.page.on('request', (r) => { if (r.url().includes('/api/v1/orders/')) lookups.push(r.url()); });
    const typo = order.code.slice(0, 3) + String((Number(order.code[3]) + 1) % 10) + order.code.slice(4);
    // In large text, where an error's words take the most room.
    await k.tap('size');
    await k.tap('pickup');
    const keys = async () => Promise.all(['key-erase', 'key-next'].map(async (id) => JSON.stringify(await k.page.getByTestId(id).boundingBox())));
    const before = await keys();
    // Too early: a hint, and the digits stay.
    await k.typeOnKeypad(order.code.slice(0, 3));
    await k.tap('key-next');
    await expect(k.page.getByTestId('error').textContent()).resolves.toBe('В коде 8 цифр, а введено 3 цифры. Проверьте код.');
    expect(await keys()).toEqual(before);
    await k.tap('key-erase');
    await k.tap('key-erase');
    await k.tap('key-erase');
    await k.typeOnKeypad(typo);
    await k.tap('key-next'); // try 1
    await expect(k.page.getByTestId('error').textContent()).resolves.toContain('В коде ошибка');
    expect(await keys()).toEqual(before);
    await k.shot('code-error-large-ru');
    expect(lookups).toEqual([]);
    await k.tap('key-next'); // try 2: the typed digits stay so they can be corrected; same mistake again
    await k.page.getByTestId('error').waitFor();
    await k.typeOnKeypad('1');
    await k.tap('key-next'); // nine digits now: a hint again, not a try
    await expect(k.page.getByTestId('error').textContent()).resolves.toBe('В коде 8 цифр, а введено 9 цифр. Проверьте код.');
    expect(await k.screen()).toBe('code');
    await k.tap('key-erase');
    await k.tap('key-next'); // try 3
    await k.waitForScreen('staff');
    // A staff member is called here, with the step: not only sent to the desk.
    await k.page.locator('[data-testid="staff-lead"][data-help="called"]').waitFor();
    await expect(k.page.getByTestId('staff-lead').textContent()).resolves.toBe('Мы позвали сотрудника: он подойдёт к этому киоску. Если долго никого нет, подойдите к стойке обслуживания «Окно» справа от входа.');
    await k.shot('staff-too-many-called-ru');
    const calls = async () => (await suite.server.db.query<{ context: { step: string } }>("SELECT context FROM assistance_requests WHERE status = 'open' AND context->>'step' = 'code'")).rows;
    await eventually(async () => (await calls()).length === 1, 'the call to reach the tablets');
    expect(await suite.server.transactionsFor(order.code)).toEqual([]);
    // The customer leaves: the visit's end takes the call back.
    await k.tap('finish');
    await eventually(async () => (await calls()).length === 0, 'the call to be taken back');
    await k.page.context().close();
  });

  it('wrong phone digits get plain help, and the right ones still work', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.tap('pickup');
    await k.typeOnKeypad(order.code);
    await k.tap('key-next');
    await k.waitForScreen('phone');
    const wrong = String((Number(order.last4) + 1) % 10000).padStart(4, '0');
    await k.typeOnKeypad(wrong);
    await k.tap('key-next');
    // Checked by the server (it counts wrong digits per order), so the answer takes a round trip.
    await k.page.getByTestId('error').getByText(/Цифры не совпадают/).waitFor();
    await k.typeOnKeypad(order.last4);
    await k.tap('key-next');
    await k.waitForScreen('order');
    await k.page.context().close();
  });

  it('the whole pickup works with the keyboard alone (Tab, Enter, digits)', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    const kb = k.page.keyboard;
    const focusOn = async (testId: string) => {
      for (let i = 0; i < 20; i++) {
        if (await k.page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return;
        await kb.press('Tab');
      }
      throw new Error(`Tab never reached ${testId}`);
    };
    // A person on a hardware keypad, not a scanner: each key is seen on screen, then a
    // pause, so even a test process starved of CPU never sends two keys close enough
    // together to look like a scanner's burst.
    const typeSlowly = async (digits: string) => {
      for (const [i, d] of [...digits].entries()) {
        await kb.press(d);
        await k.page.getByTestId('digits').filter({ hasText: new RegExp(`^${[...digits.slice(0, i + 1)].join('\\s?')}`) }).waitFor();
        await k.page.waitForTimeout(80);
      }
    };
    await focusOn('pickup');
    await kb.press('Enter');
    await k.waitForScreen('code');
    await typeSlowly(order.code);
    await kb.press('Enter');
    await k.waitForScreen('phone');
    await typeSlowly(order.last4);
    await kb.press('Enter');
    await k.waitForScreen('order');
    await focusOn('order-next');
    await kb.press('Enter');
    await suite.goodsBrought(k, order.code);
    await k.waitForScreen('summary');
    await focusOn('confirm');
    await kb.press('Enter');
    await k.waitForScreen('done');
    await focusOn('finish');
    await kb.press('Enter');
    await k.waitForScreen('welcome');
    expect(await pickedUpOnServer(order.code)).toMatchObject([{ status: 'applied' }]);
    await k.page.context().close();
  });

  it('in English, the order and the receipt use the catalogue’s English names', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    const { rows } = await suite.server.db.query<{ nameEn: string }>('SELECT name_en AS "nameEn" FROM products WHERE sku = $1', [order.items[0]!.sku]);
    await k.tap('lang');
    await k.scan(order.scan);
    await k.waitForScreen('order');
    await k.page.locator('main').getByText(rows[0]!.nameEn).waitFor();
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    const [receipt] = await k.printed();
    expect(receipt).toMatchObject({ lang: 'en' });
    expect(receipt!.blocks).toContainEqual({ kind: 'text', text: `1. ${rows[0]!.nameEn}` });
    expect(receipt!.blocks).toContainEqual(expect.objectContaining({ text: 'SALES RECEIPT' }));
    await k.page.context().close();
  });

  it('a printer out of paper: the customer hears why in plain words, staff see it in the top bar, the pickup is kept', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.paperOut();
    await k.scan(order.scan);
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    await expect(k.page.locator('.screen-title').textContent()).resolves.toBe('Готово! Заказ выдан и записан');
    await expect(k.page.getByTestId('print-problem').textContent()).resolves.toBe(
      'В принтере закончилась бумага, поэтому чек не напечатался. Сотрудник выдаст вам чек у стойки обслуживания. Заказ уже записан, ничего не потеряно.');
    await expect(k.page.getByTestId('printer-status').textContent()).resolves.toBe('Для сотрудника: в принтере нет бумаги');
    await k.shot('done-paper-out-ru');
    expect(await pickedUpOnServer(order.code)).toHaveLength(1);
    // The roll is changed: the line for staff goes away.
    await k.page.evaluate(() => (window as unknown as { oknoFakeHost: { setPrinterStatus(s: unknown): void } }).oknoFakeHost.setPrinterStatus({ problem: null, paperNearEnd: false }));
    await expect(k.page.getByTestId('printer-status').textContent()).resolves.toBe('');
    await k.page.context().close();
  });

  it('runs under the kiosk CSP: an injected inline script and a request to another origin are refused', async () => {
    const context = await suite.browser.newContext({ viewport: KIOSK_VIEWPORT });
    const page = await context.newPage();
    const response = await page.goto(await suite.server.kioskLink());
    const csp = response!.headers()['content-security-policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    await kioskPage(page).waitForScreen('welcome');
    const refused = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      const fetched = await fetch('http://127.0.0.1:9/steal').then(() => 'sent', () => 'refused');
      await new Promise((r) => setTimeout(r, 100));
      return { injected: (window as unknown as { injected?: boolean }).injected ?? false, fetched, violations };
    });
    expect(refused).toEqual({ injected: false, fetched: 'refused', violations: expect.arrayContaining(['script-src-elem', 'connect-src']) });
    await context.close();
  });

  it('in a plain browser the receipt goes to the print dialog, rendered from the same document', async () => {
    const context = await suite.browser.newContext({ viewport: KIOSK_VIEWPORT });
    // The dialog itself cannot open headless: record what the page holds for printing
    // at the moment it asks for the dialog.
    await context.addInitScript(() => {
      window.print = () => {
        const area = document.getElementById('print-area')!;
        (window as unknown as { printedText: string[] }).printedText = [
          ...((window as unknown as { printedText?: string[] }).printedText ?? []), area.innerText,
        ];
      };
    });
    const page = await context.newPage();
    await page.goto(await suite.server.kioskLink('browser=1'));
    const k = kioskPage(page);
    await k.waitForScreen('welcome');
    await k.waitForSync();
    const order = suite.server.takeOrder();
    await k.scan(order.scan);
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    const printed = await page.evaluate(() => (window as unknown as { printedText: string[] }).printedText);
    expect(printed).toHaveLength(1); // one dialog for the whole handover
    expect(printed[0]).toContain('ТОВАРНЫЙ ЧЕК');
    const units = await suite.server.warrantyUnits(order.items);
    expect(printed[0]!.split('ГАРАНТИЙНЫЙ ТАЛОН')).toHaveLength(units + 1);
    expect(printed[0]).toContain(`${order.code.slice(0, 4)} ${order.code.slice(4)}`);
    await expect(page.locator('#print-area').innerText()).resolves.toBe(''); // emptied after printing
    await context.close();
  });

  it('an order already picked up is refused with a clear message', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.scan(order.scan);
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.tap('finish');
    await k.scan(order.scan);
    await expect(k.page.getByTestId('error').textContent()).resolves.toContain('уже выдан');
    await k.page.context().close();
  });

  it('a scan proves possession only with the order’s secret; a bare code or a wrong secret needs the phone digits or staff', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    // A bare order code from a scanner (or typed fast on a keyboard) proves nothing: phone digits.
    await k.scan(order.code);
    await k.waitForScreen('phone');
    await k.tap('cancel');
    await k.waitForScreen('welcome');
    // The secret of another order, three times: the third sends the customer to staff.
    const other = suite.server.takeOrder();
    const forged = `${order.code}-${other.scan.split('-')[1]}`;
    await k.scan(forged);
    await k.waitForScreen('code');
    await expect(k.page.getByTestId('error').textContent()).resolves.toBe('Этот QR-код не подходит к заказу. Введите код заказа цифрами или позовите сотрудника.');
    await k.scan(forged);
    await k.scan('HELLO-WORLD-123');
    await k.waitForScreen('staff');
    expect(await suite.server.transactionsFor(order.code)).toHaveLength(0);
    await k.page.context().close();
  });

  it('a scanner reads the same QR with a Russian keyboard layout active', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.scan(order.scan, { layout: 'ru' });
    await k.waitForScreen('order');
    await k.page.context().close();
  });

  it('a confirm the kiosk cannot record says so in plain words and lets the customer try again', async () => {
    const k = await openKiosk();
    const order = suite.server.takeOrder();
    await k.scan(order.scan);
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.waitForScreen('summary');
    // The next receipt number is taken in the page's own IndexedDB: the handover's
    // transaction fails and rolls back, as a full disk or a broken store would make it.
    const blocked = await k.page.evaluate(async () => {
      const open = indexedDB.open('okno-kiosk');
      const idb = await new Promise<IDBDatabase>((resolve) => { open.onsuccess = () => resolve(open.result); });
      const read = (store: string, key: string) => new Promise<{ value: { receipt: number } } | undefined>((resolve) => {
        const r = idb.transaction(store).objectStore(store).get(key);
        r.onsuccess = () => resolve(r.result as { value: { receipt: number } } | undefined);
      });
      const identity = (await read('settings', 'identity')) as unknown as { value: { deviceCode: string } };
      const counter = (await read('settings', 'counters'))?.value.receipt ?? 1;
      const number = `${identity.value.deviceCode}-${String(counter).padStart(6, '0')}`;
      await new Promise<void>((resolve) => {
        const tx = idb.transaction('receipts', 'readwrite');
        tx.objectStore('receipts').put({ number, createdAt: 0, document: { id: 'x', type: 'receipt', lang: 'ru', copy: false, blocks: [] }, warranties: [] });
        tx.oncomplete = () => resolve();
      });
      idb.close();
      return number;
    });
    await k.tap('confirm');
    await k.page.locator('[data-testid="error"]:not(:empty)').waitFor();
    await expect(k.page.getByTestId('error').textContent()).resolves.toBe(
      'Не получилось записать выдачу. Ничего не списано и не напечатано. Нажмите «Попробовать ещё раз» или позовите сотрудника.');
    await k.shot('summary-failed-ru');
    expect(await k.screen()).toBe('summary');
    expect(await k.printed()).toHaveLength(0);
    await k.page.evaluate(async (number) => {
      const open = indexedDB.open('okno-kiosk');
      const idb = await new Promise<IDBDatabase>((resolve) => { open.onsuccess = () => resolve(open.result); });
      await new Promise<void>((resolve) => {
        const tx = idb.transaction('receipts', 'readwrite');
        tx.objectStore('receipts').delete(number);
        tx.oncomplete = () => resolve();
      });
      idb.close();
    }, blocked);
    await k.tap('confirm'); // "Try again"
    await k.waitForScreen('done');
    expect(await pickedUpOnServer(order.code)).toHaveLength(1);
    await k.page.context().close();
  });
});
