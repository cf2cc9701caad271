import { createHash, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoData } from '../../server/seed/demo-data';
import type { PaperDocument } from '../../shared/documents';
import { cardHashMessage } from '../../shared/domain/card-code';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { phoneLast4Message } from '../../shared/domain/phone-check';
import type { PushRequest, PushResponse } from '../../shared/protocol';
import { branchHashKey, keyedHash } from '../support/branch-hash';
import { findChromium } from './support/chromium';
import { encodedForms, findEncoded } from './support/encoded-forms';
import { eventually } from './support/kiosk-page';
import { paperText } from './support/paper-text';
import { kioskSuite } from './support/suite';

/** What a device holds in IndexedDB (all of it, or the stores named), as one text: what its disk gives away. */
const dumpIndexedDb = (page: Page, only?: string[]) => page.evaluate((only) => new Promise<string>((resolve, reject) => {
  const open = indexedDB.open('okno-kiosk');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const names = only ?? [...db.objectStoreNames];
    const tx = db.transaction(names);
    const out: Record<string, unknown> = {};
    for (const name of names) { const all = tx.objectStore(name).getAll(); all.onsuccess = () => { out[name] = all.result; }; }
    tx.oncomplete = () => resolve(JSON.stringify(out));
  };
}), only);

describe('the scan for encoded secrets (support/encoded-forms.ts)', () => {
  it('finds a secret as is, URL-encoded, in base64 and base64url wherever it sits in a longer blob, and in hex', () => {
    const card = '2991000000018';
    const name = 'Мария Ивановна Смирнова';
    // The pull cursor as it was before the keyed hash: base64url JSON naming the last card.
    for (const prefix of ['', 'x', 'xy']) {
      const cursor = Buffer.from(JSON.stringify({ v: 1, passbooks: [`${prefix}123`, card] })).toString('base64url');
      expect(findEncoded(`GET /api/v1/sync/pull?cursor=${cursor}`, [card])).not.toEqual([]);
      expect(findEncoded(encodeURIComponent(Buffer.from(`${prefix}{"name":"${name}"}`).toString('base64')), [name])).not.toEqual([]);
    }
    expect(findEncoded(`?q=${encodeURIComponent(name)}`, [name])).not.toEqual([]);
    expect(findEncoded(`?q=${encodeURIComponent(name).replace(/%20/g, '+')}`, [name])).not.toEqual([]);
    expect(findEncoded(Buffer.from(card).toString('hex'), [card])).not.toEqual([]);
    expect(findEncoded('nothing here', [card, name])).toEqual([]);
    expect(encodedForms(name)).toContain(encodeURIComponent(name).toLowerCase());
  });
});
const printedOn = async (page: Page) => (await page.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed)) as PaperDocument[];

/**
 * A day of demo traffic through the real server, a kiosk and a tablet in Chromium; then the
 * server's log, the audit log, the kiosks' transactions as sent and as the server logged
 * them, both devices' IndexedDB (the kiosk's outbox and quarantine too) and every printed
 * paper are scanned for what must never be there: customers' full names, full phone
 * numbers, card numbers, in any of the forms encoding gives them (support/encoded-forms.ts).
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
    // A passbook printed, with a «Да» to be remembered. What the kiosk queues for it is read
    // while its push is on the way (the outbox), and then refused by the answer, so it lands
    // in quarantine: both are on the kiosk's disk for as long as they last.
    const card = suite.server.passbookCard(5);
    const pushed: string[] = [];
    const outbox: string[] = [];
    const refused = new Set(['passbook.printed', 'customer.preferences']);
    await k.page.route('**/api/v1/sync/push', async (route) => {
      const body = route.request().postData() ?? '';
      pushed.push(body);
      outbox.push(await dumpIndexedDb(k.page, ['outbox']));
      const response = await route.fetch();
      const sent = JSON.parse(body) as PushRequest;
      const kinds = new Map(sent.transactions.map((t) => [t.id, t.kind]));
      const answer = (await response.json()) as PushResponse;
      await route.fulfill({ response, json: { results: answer.results.map((r) => (refused.has(kinds.get(r.id) ?? '') ? { id: r.id, status: 'rejected', reason: 'unknown-card' } : r)) } });
    });
    await k.scan(card.scan);
    await k.waitForScreen('passbook');
    await k.tap('passbook-print');
    await k.waitForScreen('passbook-done');
    await k.tap('passbook-next');
    await k.tap('remember-yes');
    await k.page.getByTestId('remembered').waitFor();
    await k.tap('finish');
    printed.push(...(await k.printed()));
    const quarantined = async () => JSON.parse(await dumpIndexedDb(k.page, ['quarantine'])) as { quarantine: { kind: string }[] };
    await eventually(async () => (await quarantined()).quarantine.filter((r) => refused.has(r.kind)).length === 2, 'the passbook’s transactions to be quarantined');
    const quarantine = await dumpIndexedDb(k.page, ['quarantine']);
    await k.page.unroute('**/api/v1/sync/push');
    expect(outbox.join('\n')).toContain('passbook.printed');

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
    await pay.getByTestId('sale-cash').click();
    await pay.getByTestId('tendered').fill('100000');
    await pay.getByTestId('record-payment').click();
    await checkout.getByTestId('sale-done').waitFor();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-summary').click();
    await tablet.getByTestId('day-show').click();
    await tablet.getByTestId('day-print').click();
    await tablet.getByTestId('day-printed').getByText('Сводка напечатана.').waitFor();
    printed.push(...(await printedOn(tablet)));
    await eventually(async () => (await suite.server.db.query("SELECT 1 FROM sales WHERE customer_card = $1", [buyer.cardNumber])).rows.length === 1, 'the sale to reach the server');

    const { rows: audit } = await suite.server.db.query('SELECT * FROM audit_log');
    // A kiosk's transactions as the server keeps them, forever (the tablet's staff transactions
    // name a card its staff typed: a sale's customerCard, a card issued; those are not scanned).
    const { rows: kioskLog } = await suite.server.db.query("SELECT t.kind, t.payload FROM transactions t JOIN devices d ON d.id = t.device_id WHERE d.role = 'kiosk'");
    const where = {
      log: logLines.join('\n'),
      audit: JSON.stringify(audit),
      'kiosk pushes': pushed.join('\n'),
      'kiosk outbox': outbox.join('\n'),
      'kiosk quarantine': quarantine,
      'kiosk transactions on the server': JSON.stringify(kioskLog),
      kiosk: await dumpIndexedDb(k.page),
      tablet: await dumpIndexedDb(tablet),
      paper: printed.map(paperText).join('\n'),
    };
    expect(where['kiosk quarantine']).toContain('passbook.printed');
    expect(where['kiosk transactions on the server']).toContain('passbook.printed');
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
    // Every place at once, so a failure names all that leak.
    const leaks = Object.entries(where).flatMap(([place, text]) => findEncoded(text, forbidden).map((found) => ({ place, ...found })));
    expect(leaks, 'personal data where it must not be').toEqual([]);
    await context.close();
    await k.page.context().close();
  });

  /**
   * A kiosk's disk in the wrong hands: everything it stores, read out, and its hashes tried
   * against every number they could be. Four phone digits are 10⁴ guesses; a card number
   * is one of 10¹² (a day of one core's SHA-256, minutes on a GPU), and a branch's cards
   * come in packs, so the attacker tries the pack's range. Keyed with the branch's key,
   * which the disk does not give, none of it comes out; the same tries with the server's
   * key find every one, which is what proves the hashes keyed (and not merely changed).
   */
  it('a stolen kiosk’s disk: its card and phone-digit hashes cannot be enumerated without the branch’s key, which the page cannot hand over either', async () => {
    const k = await suite.openKiosk();
    type Disk = { orders: { code: string; status: string; phoneLast4Hash: string }[]; passbooks: { cardHash: string }[]; settings: { key: string; value: unknown }[] };
    const demo = demoData();
    let text = '';
    let disk: Disk = { orders: [], passbooks: [], settings: [] };
    await eventually(async () => {
      text = await dumpIndexedDb(k.page);
      disk = JSON.parse(text) as Disk;
      return disk.passbooks.length === demo.customers.length && disk.orders.length > 0;
    }, 'the kiosk to hold the branch’s orders and card holders');
    const ready = disk.orders.filter((o) => o.status === 'ready').slice(0, 5);
    const digits = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(4, '0'));
    const pack = Array.from({ length: 100_000 }, (_, n) => { const first12 = `2991000${String(n).padStart(5, '0')}`; return first12 + String(ean13CheckDigit(first12)); });
    const held = new Set(disk.passbooks.map((p) => p.cardHash));
    const enumerate = (hash: (message: string) => string) => ({
      phones: ready.map((o) => digits.filter((d) => hash(phoneLast4Message(o.code, d)) === o.phoneLast4Hash)),
      cards: pack.filter((c) => held.has(hash(cardHashMessage(c)))),
    });

    const fromDisk = enumerate((message) => createHash('sha256').update(message).digest('hex'));
    expect(fromDisk).toEqual({ phones: ready.map(() => []), cards: [] });
    const key = await branchHashKey(suite.server.db, 'MSK1');
    const withServersKey = enumerate((message) => keyedHash(key, message));
    expect(withServersKey).toEqual({
      phones: ready.map((o) => [demo.orders.find((d) => d.code === o.code)!.phoneLast4]),
      cards: demo.customers.map((c) => c.cardNumber).sort(),
    });

    // The key is on the kiosk only as a CryptoKey: the dump has no form of its bytes, and the page cannot export it.
    expect(text).not.toContain(key.toString('base64url'));
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(key.toString('hex'));
    const exported = await k.page.evaluate(() => new Promise<string>((resolve) => {
      const open = indexedDB.open('okno-kiosk');
      open.onsuccess = () => {
        const get = open.result.transaction('settings').objectStore('settings').get('hashKey');
        get.onsuccess = () => {
          const value = (get.result as { value?: CryptoKey } | undefined)?.value;
          if (!value) { resolve('no key'); return; }
          crypto.subtle.exportKey('raw', value).then(() => resolve('exported'), () => resolve(`refused: extractable ${value.extractable}`));
        };
      };
    }));
    expect(exported).toBe('refused: extractable false');
    await k.page.context().close();
  });
});
