import { describe, expect, it } from 'vitest';
import type { PaperDocument } from '../../shared/documents';
import { tabletFindings } from './support/axe';
import { findChromium } from './support/chromium';
import { eventually, SCREENSHOTS } from './support/kiosk-page';
import { paperText } from './support/paper-text';
import { kioskSuite } from './support/suite';

/** The tablet's back office in Chromium, through the real server. */
describe.skipIf(!findChromium())('the staff tablet’s back office', () => {
  const suite = kioskSuite();

  it('a kiosk’s offline handover (goods brought, then the network gone) of an order staff handed over meanwhile is refused; the supervisor reads it in plain words and resolves it; the kiosk’s staff line clears', async () => {
    const k = await suite.openKiosk();
    const kioskCode = await k.deviceCode();
    const order = suite.server.takeOrder();
    // Staff bring the goods; then the kiosk loses its network and the customer confirms there, offline.
    await k.scan(order.scan);
    await k.waitForScreen('order');
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.page.context().setOffline(true);
    await k.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await k.page.locator('[data-testid="status"][data-online="false"]').waitFor({ state: 'attached' });
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
    await associate.getByTestId('branch-refusals').click();
    await associate.getByTestId('rejection').first().waitFor();
    await associate.getByText('Решения по отказам принимает старший смены.').waitFor();
    expect(await associate.getByTestId('rejection-handled').count()).toBe(0);
    await associateContext.close();

    const { context, tablet } = await suite.openTablet();
    // The tab counts the open refusals, from any tab.
    await tablet.locator('[data-testid="tab-branch"]', { hasText: /^Магазин \(\d+\)$/ }).waitFor();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-refusals').click();
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
    // «Отмечено…» shows until the resolution reaches the server; then the row leaves the list (below).

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

  it('every device in large print; a kiosk out of paper, then silent, raises the alert on the tablet above every tab', async () => {
    const k = await suite.openKiosk();
    const kioskCode = await k.deviceCode();
    const { context, tablet } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-devices').click();
    const row = tablet.locator(`[data-testid="device"][data-code="${kioskCode}"]`);
    await row.waitFor();
    await expect(row.locator('p').nth(1).textContent()).resolves.toMatch(/^на связи · очередь пуста · отказов нет · принтер: нет сведений · (голос есть · )?версия \d+\.\d+\.\d+$/);
    // The fake host speaks both languages: the kiosk's next report says so.
    await eventually(async () => /· голос есть ·/.test((await row.locator('p').nth(1).textContent()) ?? ''), 'the tablet to read that the kiosk has a voice');

    // The kiosk's printer runs out of paper: the tablet hears it at the kiosk's next round.
    await k.page.evaluate(() => (window as unknown as { oknoFakeHost: { setPrinterStatus(s: unknown): void } }).oknoFakeHost.setPrinterStatus({ problem: 'paper-out', paperNearEnd: false }));
    await k.page.evaluate(() => window.dispatchEvent(new Event('online')));
    const alerts = tablet.getByTestId('device-alerts');
    await alerts.getByText(`Киоск ${kioskCode} (у входа): нет бумаги`).waitFor();
    await tablet.getByTestId('tab-sale').click(); // above every tab
    await alerts.getByText(`Киоск ${kioskCode} (у входа): нет бумаги`).waitFor();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-devices').click();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-devices-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    // «Магазин» in sections: each one short enough to find things without scrolling a long page (it was 1,800 px, all in
    // one). The devices are a list as long as the branch has devices (six here, with the e2e helper's tablets).
    if (await tablet.getByTestId('unlock-code-ok').count()) await tablet.getByTestId('unlock-code-ok').click();
    for (const section of ['summary', 'devices', 'refusals', 'copies', 'cards'] as const) {
      await tablet.getByTestId(`branch-${section}`).click();
      await expect(tablet.getByTestId(`branch-${section}`).getAttribute('aria-selected')).resolves.toBe('true');
      const height = await tablet.evaluate(() => document.documentElement.scrollHeight);
      await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-branch-${section}-ru.png`, fullPage: true });
      if (section !== 'devices') expect({ section, fits: height <= 1_200 }).toEqual({ section, fits: true });
    }
    await tablet.getByTestId('branch-devices').click();

    // The kiosk is switched off; twenty minutes on, the tablet says it is silent.
    await k.page.context().close();
    await suite.server.db.query("UPDATE device_status SET reported_at = now() - interval '20 minutes' WHERE device_id = (SELECT id FROM devices WHERE code = $1)", [kioskCode]);
    await tablet.getByTestId('devices-refresh').click();
    await alerts.getByText(`Киоск ${kioskCode} (у входа): молчит 20 мин; нет бумаги`).waitFor();
    expect(await row.getAttribute('data-alerts')).toBe('silent printer');
    await context.close();
  });

  it('the supervisor reads the day’s summary on screen and prints it; the paper says what the server counted; an associate has no summary', async () => {
    const sale = await suite.server.sold(2); // today's sale of two, by card
    const { context: associateContext, tablet: associate } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    await associate.getByTestId('tab-branch').click();
    await associate.getByTestId('branch-devices').click();
    await associate.getByTestId('devices').waitFor();
    expect(await associate.getByTestId('day-summary').count()).toBe(0);
    await associateContext.close();

    const { context, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-summary').click();
    await tablet.getByTestId('day-show').click();
    const paper = tablet.getByTestId('day-paper');
    await paper.waitFor();
    const onScreen = (await paper.innerText()).replace(/\s+/g, ' ');
    expect(onScreen).toContain('СВОДКА ЗА ДЕНЬ');
    expect(onScreen).toMatch(/Продажи: \d+ [\d ]+,\d\d ₽/);
    const { rows: [counted] } = await suite.server.db.query<{ n: number; total: number }>(
      "SELECT count(*)::int AS n, coalesce(sum(total_kopecks), 0)::int AS total FROM sales WHERE (occurred_at AT TIME ZONE 'Europe/Moscow')::date = (now() AT TIME ZONE 'Europe/Moscow')::date");
    expect(counted!.n).toBeGreaterThanOrEqual(1);
    // The printer's code page has no ₽: the paper says «руб.».
    const money = (k: number) => `${(k / 100).toLocaleString('ru-RU', { minimumFractionDigits: 2 }).replace(/\s/g, ' ')} руб\\.`;
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-day-summary-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await tablet.getByTestId('day-print').click();
    await tablet.getByTestId('day-printed').getByText('Сводка напечатана.').waitFor();
    const [doc] = await tablet.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed) as PaperDocument[];
    expect(doc!.type).toBe('daysummary');
    const text = paperText(doc!);
    expect(text).toMatch(new RegExp(`Продажи: ${counted!.n} +${money(counted!.total)}`));
    expect(text).toMatch(/Карта, получено: \d+ +[\d ]+,\d\d руб\./);
    expect(text).toContain('не является кассовым отчётом');
    expect(sale.receiptNumber).toMatch(/^MSK1-T\d\d-\d{6}$/);
    await context.close();
  });

  it('a kiosk prints with the paper out: the tablet lists it, staff print a КОПИЯ at that kiosk once the roll is changed, and it is the same paper', async () => {
    const k = await suite.openKiosk();
    const kioskCode = await k.deviceCode();
    const order = suite.server.takeOrder();
    await k.paperOut();
    await k.scan(order.scan);
    await k.tap('order-next');
    await suite.goodsBrought(k, order.code);
    await k.tap('confirm');
    await k.waitForScreen('done');
    await k.page.getByTestId('print-problem').waitFor();
    // What the kiosk meant to print: its stored receipt and slips (nothing came out).
    const original = await k.page.evaluate(() => new Promise<unknown[]>((resolve) => {
      const open = indexedDB.open('okno-kiosk');
      open.onsuccess = () => {
        const all = open.result.transaction('receipts').objectStore('receipts').getAll();
        all.onsuccess = () => { const [r] = all.result as { document: unknown; warranties: unknown[] }[]; resolve([r!.document, ...r!.warranties]); };
      };
    })) as PaperDocument[];
    const number = (original[0] as PaperDocument & { blocks: { kind: string; caption?: string }[] }).blocks.find((b) => b.kind === 'qr')!.caption!;
    expect(await k.printed()).toEqual([]);
    await k.tap('finish');

    const { context, tablet } = await suite.openTablet({ employeeNo: '1002', pin: '1357' });
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-copies').click();
    const unprinted = tablet.locator(`[data-testid="unprinted-doc"][data-number="${number}"]`);
    await unprinted.getByText(`${number} на киоске ${kioskCode}: кончилась бумага`).waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-reprint-ru.png`, fullPage: true });
    // The roll is changed; the copy goes to that kiosk's printer.
    await k.page.evaluate(() => (window as unknown as { oknoFakeHost: { setPrinterStatus(s: unknown): void } }).oknoFakeHost.setPrinterStatus({ problem: null, paperNearEnd: false }));
    // A customer is at the kiosk now (they called for help): the copy waits, never printing
    // in front of them, and the tablet says so; it prints once the kiosk is back at its welcome.
    await k.tap('call-staff');
    // The kiosk's answer («waiting») can reach the tablet before the tablet hears back from its
    // own request (a busy Wi-Fi; seen in CI): the later "sent" must not cover it up.
    await tablet.route('**/api/v1/documents/*/print', async (route) => {
      const answer = await route.fetch();
      await tablet.getByTestId('reprint-note').getByText('там сейчас покупатель', { exact: false }).waitFor({ timeout: 5000 }).catch(() => undefined);
      await route.fulfill({ response: answer });
    });
    await unprinted.locator(`[data-testid="reprint-kiosk"][data-kiosk="${kioskCode}"]`).click();
    await tablet.getByTestId('reprint-note').getByText(`КОПИЯ чека ${number} ждёт на киоске ${kioskCode}: там сейчас покупатель. Напечатается, когда он закончит.`).waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-reprint-waiting-ru.png` });
    await tablet.unroute('**/api/v1/documents/*/print');
    await tablet.waitForTimeout(300);
    await tablet.getByTestId('reprint-note').getByText('там сейчас покупатель', { exact: false }).waitFor();
    await k.page.waitForTimeout(500);
    expect(await k.printed()).toEqual([]);
    // Helped: staff mark the call done, and the visit is over; the copy prints then.
    await k.tap('help-close');
    await tablet.getByTestId('tab-help').click();
    await tablet.getByTestId('call').getByTestId('accept').click();
    await tablet.getByTestId('call').getByTestId('resolve').click();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-copies').click();
    await k.page.locator('.kiosk[data-help="none"]').waitFor({ state: 'attached' });
    await k.waitForScreen('welcome');
    await eventually(async () => (await k.printed()).length === original.length, 'the copy to print at the kiosk');
    await tablet.getByTestId('reprint-note').getByText(`КОПИЯ чека ${number} напечатана на киоске ${kioskCode}.`).waitFor();
    const copy = await k.printed();
    expect(copy.every((d) => d.copy)).toBe(true);
    copy.forEach((doc, i) => {
      const lines = paperText(doc).split('\n');
      expect(lines[0]!.trim()).toBe('КОПИЯ');
      expect(lines.slice(1)).toEqual(paperText(original[i]!).split('\n'));
    });
    // Recorded once, and the entry leaves every tablet's list.
    const reprints = async () => (await suite.server.db.query<{ printedOn: string }>('SELECT printed_on AS "printedOn" FROM document_reprints WHERE receipt_number = $1', [number])).rows;
    await eventually(async () => (await reprints()).length === 1, 'the reprint to reach the server');
    expect(await reprints()).toEqual([{ printedOn: kioskCode }]);
    await eventually(async () => (await unprinted.count()) === 0, 'the entry to leave the list');
    // Found by its order code, a second copy prints here, at the tablet; the list counts both.
    await tablet.getByTestId('reprint-key').fill(order.code);
    await tablet.getByTestId('reprint-find').click();
    const found = tablet.locator(`[data-testid="reprint-doc"][data-number="${number}"]`);
    await found.getByTestId('reprint-here').click();
    await tablet.getByTestId('reprint-note').getByText(`КОПИЯ чека ${number} напечатана (этот планшет).`).waitFor();
    const here = await tablet.evaluate(() => (window as unknown as { oknoFakeHost: { printed: unknown[] } }).oknoFakeHost.printed) as PaperDocument[];
    expect(here.map((d) => [d.type, d.copy])).toEqual(original.map((d) => [d.type, true]));
    await eventually(async () => (await reprints()).length === 2, 'the second reprint to reach the server');
    await tablet.getByTestId('reprint-find').click();
    await found.getByText(/· копий: 2$/).waitFor();
    // A reload of the kiosk replays the day's events: the copy does not print twice.
    await k.page.reload();
    await k.waitForScreen('welcome');
    await k.waitForSync();
    await k.page.waitForTimeout(1000);
    expect(await k.printed()).toEqual([]);
    await context.close();
    await k.page.context().close();
  });

  it('a busy day’s copies list a page at a time: «Показать ещё» brings the older ones, each once, until there are no more', async () => {
    const receipts: string[] = [];
    for (let i = 0; i < 32; i++) receipts.push((await suite.server.sold(1)).receiptNumber);
    const { context, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-copies').click();
    const docs = tablet.getByTestId('reprint-doc');
    await eventually(async () => (await docs.count()) === 30, 'the first page of 30');
    // Newest first: the last sale heads the list.
    expect(await docs.first().getAttribute('data-number')).toBe(receipts.at(-1));
    const more = tablet.getByTestId('reprint-more');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-copies-more-ru.png`, fullPage: true });
    for (let page = 0; page < 10 && (await more.count()) > 0; page++) {
      const before = await docs.count();
      await more.click();
      await eventually(async () => (await docs.count()) > before || (await more.count()) === 0, 'the next page');
    }
    expect(await more.count()).toBe(0);
    const numbers = await docs.evaluateAll((items) => items.map((li) => li.getAttribute('data-number')));
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const r of receipts) expect(numbers).toContain(r);
    await context.close();
  });
});
