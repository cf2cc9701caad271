import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoData } from '../../server/seed/demo-data';
import type { PaperDocument } from '../../shared/documents';
import { findChromium } from './support/chromium';
import { eventually } from './support/kiosk-page';
import { paperText } from './support/paper-text';
import { kioskSuite } from './support/suite';

/** Everything a device holds in IndexedDB, as one text. */
const dumpIndexedDb = (page: Page) => page.evaluate(() => new Promise<string>((resolve, reject) => {
  const open = indexedDB.open('okno-kiosk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names);
    const out: Record<string, unknown> = {};
    for (const name of names) { const all = tx.objectStore(name).getAll(); all.onsuccess = () => { out[name] = all.result; }; }
    tx.oncomplete = () => resolve(JSON.stringify(out));
  };
}));
const printedOn = async (page: Page) => (await page.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed)) as PaperDocument[];

/**
 * A day of demo traffic through the real server, a kiosk and a tablet in Chromium; then the
 * server's log, the audit log, both devices' IndexedDB and every printed paper are scanned
 * for what must never be there: customers' full names, full phone numbers, card numbers.
 */
describe.skipIf(!findChromium())('privacy over a whole day', () => {
  const logLines: string[] = [];
  const suite = kioskSuite({ logLines });

  it('finds no customer’s full name, full phone number or card number in the logs, the audit log, the devices’ storage or the paper', async () => {
    const demo = demoData();
    const k = await suite.openKiosk();
    const printed: PaperDocument[] = [];
    // A pickup by QR, one typed with the phone's last digits, a call for help.
    const byQr = suite.server.takeOrder();
    await k.scan(byQr.scan);
    await k.waitForScreen('order');
    await k.tap('order-next');
    await suite.goodsBrought(k, byQr.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    await k.tap('finish');
    const typed = suite.server.takeOrder();
    await k.tap('pickup');
    await k.typeOnKeypad(typed.code);
    await k.tap('key-next');
    await k.waitForScreen('phone');
    await k.typeOnKeypad(typed.last4);
    await k.tap('key-next');
    await k.waitForScreen('order');
    await k.tap('call-staff');
    await k.page.getByTestId('help').waitFor();
    await k.tap('help-close');
    await k.tap('order-next');
    await suite.goodsBrought(k, typed.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    await k.tap('finish');
    // A passbook printed, with a «Да» to be remembered.
    const card = suite.server.passbookCard(5);
    await k.scan(card.scan);
    await k.waitForScreen('passbook');
    await k.tap('remember-yes');
    await k.page.getByTestId('remembered').waitFor();
    await k.tap('passbook-print');
    await k.waitForScreen('passbook-done');
    await k.tap('finish');
    printed.push(...(await k.printed()));

    // The back office feeds a book; a sale at the tablet to a card holder; the day's summary printed.
    const buyer = suite.server.passbookCard(6);
    await suite.server.addLedgerEntries(buyer.cardNumber, [{ id: randomUUID(), postedAt: new Date().toISOString(), textRu: 'Взнос', textEn: 'Deposit', amountKopecks: 500_000 }]);
    const { context, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-sale').click();
    const checkout = tablet.getByTestId('checkout');
    await tablet.locator('[data-testid="tablet-sync"][data-online="true"]').waitFor({ state: 'attached' });
    await checkout.getByTestId('sale-search').fill('чайник');
    await checkout.getByTestId('sale-find').click();
    await checkout.getByTestId('sale-add').first().click();
    await checkout.getByTestId('sale-show').click();
    await tablet.getByTestId('customer-ok').click();
    const pay = checkout.getByTestId('sale-pay');
    await pay.getByTestId('passbook-card-input').fill(buyer.cardNumber);
    await pay.getByTestId('passbook-card-add').click();
    await pay.getByTestId('tendered').fill('100000');
    await pay.getByTestId('record-payment').click();
    await checkout.getByTestId('sale-done').waitFor();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('day-show').click();
    await tablet.getByTestId('day-print').click();
    await tablet.getByTestId('day-printed').getByText('Сводка напечатана.').waitFor();
    printed.push(...(await printedOn(tablet)));
    await eventually(async () => (await suite.server.db.query("SELECT 1 FROM sales WHERE customer_card = $1", [buyer.cardNumber])).rows.length === 1, 'the sale to reach the server');

    const { rows: audit } = await suite.server.db.query('SELECT * FROM audit_log');
    const where = {
      log: logLines.join('\n'),
      audit: JSON.stringify(audit),
      kiosk: await dumpIndexedDb(k.page),
      tablet: await dumpIndexedDb(tablet),
      paper: printed.map(paperText).join('\n'),
    };
    expect(where.log.length).toBeGreaterThan(1000);
    expect(where.log).toContain(`/api/v1/admin/customers/••••${buyer.cardNumber.slice(-4)}/entries`); // logged, masked
    expect(where.paper).toContain('ВЫПИСКА ПО СЧЁТУ');
    expect(where.paper).toContain('ТОВАРНЫЙ ЧЕК');
    const staffSurnames = new Set(demo.staff.map((s) => s.name.split(' ').at(-1)));
    const forbidden = [
      ...demo.orders.flatMap((o) => [o.input.customerName, o.input.phone, o.input.phone.replace(/\D/g, '')]),
      ...demo.orders.map((o) => o.input.customerName.split(' ').at(-1)!).filter((surname) => !staffSurnames.has(surname)),
      ...demo.customers.flatMap((c) => [c.shortName, c.cardNumber, c.scanSecret]),
    ];
    for (const [place, text] of Object.entries(where)) {
      const found = forbidden.filter((token) => text.includes(token));
      expect(found, `${place} holds personal data`).toEqual([]);
    }
    await context.close();
    await k.page.context().close();
  });
});
