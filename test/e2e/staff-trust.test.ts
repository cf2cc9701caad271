import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tabletFindings } from './support/axe';
import { findChromium } from './support/chromium';
import { eventually, SCREENSHOTS } from './support/kiosk-page';
import { kioskSuite, signInOnTablet, TABLET_VIEWPORT } from './support/suite';

const DAY = 86_400_000;

/**
 * Issue 20 on the tablet in Chromium, through the real server: a tablet whose clock is a
 * day off works as the server's clock says (its day's summary is today, its work is
 * signed and applied, its shift ends when the server's does), and a session whose key is
 * gone (a reload) ends through the outbox.
 */
describe.skipIf(!findChromium())('staff trust on the tablet, in Chromium', () => {
  const suite = kioskSuite();

  // Each test reads the rows of its own tablet only: the tests before it left theirs (the
  // same staff number's sessions, a «Забыть меня» stamped a day the other way), and a wait
  // that any row satisfies ends before this tablet's row has arrived.
  const deviceIdOf = (page: Page) => page.evaluate(() => new Promise<string>((resolve, reject) => {
    const open = indexedDB.open('okno-kiosk');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('settings').objectStore('settings').get('identity');
      get.onsuccess = () => { open.result.close(); resolve((get.result as { value: { deviceId: string } }).value.deviceId); };
      get.onerror = () => reject(get.error);
    };
  }));
  const sessionsOn = async (deviceId: string) => (await suite.server.db.query<{ ended: boolean; reason: string | null }>(
    `SELECT s.ended_at IS NOT NULL AS ended, (SELECT t.payload->>'reason' FROM transactions t WHERE t.kind = 'staff.signedOut' AND t.payload->>'staffSessionId' = s.id::text) AS reason
     FROM staff_sessions s WHERE s.device_id = $1 ORDER BY s.created_at`, [deviceId])).rows;

  it.each([['a day fast', DAY], ['a day slow', -DAY]])('a tablet %s: the day’s summary is the server’s today, «Забыть меня» applies, and the shift ends when the server’s does', async (_name, skew) => {
    const context = await suite.browser.newContext({ viewport: TABLET_VIEWPORT, hasTouch: true });
    const tablet = await context.newPage();
    tablet.setDefaultTimeout(15_000);
    await tablet.clock.install({ time: Date.now() + skew });
    await tablet.goto(await suite.server.kioskLink('host=fake', 'tablet'));
    await signInOnTablet(tablet, '1001', '2468');
    const deviceId = await deviceIdOf(tablet);
    await tablet.getByTestId('unlock-code-ok').click();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-summary').click();
    await tablet.getByTestId('day-show').click();
    await tablet.getByTestId('day-paper').waitFor();
    const serverToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    expect(await tablet.getByTestId('day-date').inputValue()).toBe(serverToday);

    // «Забыть меня» at the customer's request, signed by the session's key, stamped with the server's time.
    const card = suite.server.passbookCard(1);
    await tablet.getByTestId('branch-cards').click();
    await tablet.getByTestId('card-forget').fill(card.cardNumber);
    await tablet.getByTestId('card-forget-button').click();
    await tablet.getByTestId('card-forget-note').getByText(/забыт на всех киосках/).waitFor();
    const forgets = async () => (await suite.server.db.query<{ status: string; at: Date; device: Date }>(
      "SELECT status, occurred_at AS at, device_time AS device FROM transactions WHERE kind = 'customer.preferences' AND device_id = $1", [deviceId])).rows;
    await eventually(async () => (await forgets()).length === 1, 'the «Забыть меня» to reach the server');
    const [forget] = await forgets();
    expect(forget!.status).toBe('applied');
    expect(Math.abs(forget!.at.getTime() - Date.now())).toBeLessThan(120_000);
    expect(Math.abs(forget!.device.getTime() - forget!.at.getTime() - skew)).toBeLessThan(120_000);

    // Eight hours on (by any clock): the shift is over, the tablet says so and ends it through the outbox.
    await tablet.clock.fastForward(8 * 3600_000 + 120_000);
    await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
    await tablet.getByTestId('sign-in-note').getByText('Смена закончилась: войдите снова.').waitFor();
    await eventually(async () => (await sessionsOn(deviceId)).some((s) => s.reason === 'expired' && s.ended), 'the expired session to end on the server');
    await context.close();
  });

  it('a locked tablet holds no unlock code in its page; past the offline tries its staff screens and the code’s verifier go, and only the PIN opens it', async () => {
    const { context, tablet } = await suite.openTablet({ employeeNo: '1002', pin: '1357', fakeClock: true });
    const code = (await tablet.getByTestId('unlock-code').textContent())!.replace(/\s/g, '');
    // The code as a number of its own, or spaced out as the notice shows it, anywhere in
    // the page, hidden elements included (a digit run that merely contains it is not it).
    const inPage = async () => new RegExp(`(?<!\\d)${code}(?!\\d)|${code.split('').join(' ')}`).test(await tablet.evaluate(() => document.body.innerHTML));
    expect(await inPage()).toBe(true);
    const lockUp = async () => {
      await tablet.clock.runFor(121_000);
      await tablet.locator('main[data-screen="tablet-locked"]').waitFor();
    };
    const typeAndUnlock = async (digits: string) => {
      await tablet.getByTestId('unlock-pin').fill(digits);
      await tablet.getByTestId('unlock').click();
    };

    // Locked before the staff member said they have it: the notice is not behind the lock.
    await lockUp();
    expect(await inPage()).toBe(false);
    await typeAndUnlock('1357');
    await tablet.getByTestId('unlock-code-notice').waitFor();
    await tablet.getByTestId('unlock-code-ok').click();
    // Acknowledged: no tab shows it again, and a locked tablet holds none.
    await tablet.getByTestId('tab-device').click();
    expect(await inPage()).toBe(false);
    await lockUp();
    expect(await inPage()).toBe(false);

    await suite.server.stop();
    try {
      // Offline, the code (from the staff member's memory) opens it.
      await typeAndUnlock(code);
      await tablet.locator('main[data-screen="tablet-home"]').waitFor();
      // Past the tries, the staff screens go and the right code opens nothing.
      await lockUp();
      const wrong = code === '0000' ? '1111' : '0000';
      for (const left of [4, 3, 2, 1]) {
        await typeAndUnlock(wrong);
        await tablet.getByTestId('unlock-note').getByText(`Код не подошёл. Осталось попыток без связи: ${left}.`).waitFor();
      }
      await typeAndUnlock(wrong);
      await tablet.getByTestId('unlock-note').getByText(/^Попытки без связи закончились/).waitFor();
      await expect(tablet.locator('main[data-screen="tablet-home"]').count()).resolves.toBe(0);
      await expect(tablet.getByTestId('tab-help').count()).resolves.toBe(0);
      expect(await inPage()).toBe(false);
      await typeAndUnlock(code);
      await tablet.getByTestId('unlock-note').getByText(/^Попытки без связи закончились/).waitFor();
      await expect(tablet.locator('main[data-screen="tablet-home"]').count()).resolves.toBe(0);
    } finally {
      await suite.server.start();
    }
    // The server checks the PIN and the staff screens are back.
    await typeAndUnlock('1357');
    await tablet.locator('main[data-screen="tablet-home"]').waitFor();

    // For the rest of the shift nothing on the tablet checks the code: offline again, the right code opens nothing.
    await lockUp();
    await suite.server.stop();
    try {
      await typeAndUnlock(code);
      await tablet.getByTestId('unlock-note').getByText(/^Попытки без связи закончились/).waitFor();
      await tablet.getByTestId('locked-lead').getByText(/^Попытки без связи закончились/).waitFor();
      await expect(tablet.locator('main[data-screen="tablet-home"]').isVisible()).resolves.toBe(false);
    } finally {
      await suite.server.start();
    }
    await typeAndUnlock('1357');
    await tablet.locator('main[data-screen="tablet-home"]').waitFor();
    await context.close();
  });

  it('a reload drops the session’s key with the page; the next page ends the session through the outbox', async () => {
    const { context, tablet } = await suite.openTablet({ employeeNo: '1003', pin: '9753' });
    const deviceId = await deviceIdOf(tablet);
    await tablet.reload();
    await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
    await eventually(async () => (await sessionsOn(deviceId)).some((s) => s.reason === 'reloaded' && s.ended), 'the reloaded session to end on the server');
    const audit = await suite.server.db.query("SELECT 1 FROM audit_log WHERE action = 'session-reloaded' AND employee_no = '1003'");
    expect(audit.rows).toHaveLength(1);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sign-in-after-reload-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await context.close();
  });

  it('issue 21: a tablet a release ahead of its server keeps what the server cannot take yet, and says so in words', async () => {
    const { context, tablet } = await suite.openTablet({ employeeNo: '1003', pin: '9753' });
    // The server answers as one a release behind would: it does not know staff.signedOut yet.
    await tablet.route('**/api/v1/sync/push', async (route) => {
      const sent = JSON.parse(route.request().postData() ?? '{}') as { transactions: { id: string; kind: string }[] };
      const deferred = new Set(sent.transactions.filter((t) => t.kind === 'staff.signedOut').map((t) => t.id));
      const rest = sent.transactions.filter((t) => !deferred.has(t.id));
      const answered = rest.length > 0 ? ((await (await route.fetch({ postData: JSON.stringify({ ...sent, transactions: rest }) })).json()) as { results: unknown[] }).results : [];
      await route.fulfill({ json: { results: [...answered, ...[...deferred].map((id) => ({ id, status: 'deferred', reason: 'unsupported-kind' }))] } });
    });
    await tablet.reload();
    await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
    const line = tablet.getByTestId('tablet-waiting-for-server');
    await line.waitFor();
    expect(await line.textContent()).toContain('Из них ждут обновления сервера: 1');
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-waiting-for-server-ru.png` });
    // Kept on the tablet, never refused: still queued, nothing in quarantine.
    const stores = await tablet.evaluate(() => new Promise<{ outbox: number; quarantine: number }>((resolve) => {
      const open = indexedDB.open('okno-kiosk');
      open.onsuccess = () => {
        const tx = open.result.transaction(['outbox', 'quarantine']);
        const counts = { outbox: 0, quarantine: 0 };
        tx.objectStore('outbox').count().onsuccess = (e) => { counts.outbox = (e.target as IDBRequest<number>).result; };
        tx.objectStore('quarantine').count().onsuccess = (e) => { counts.quarantine = (e.target as IDBRequest<number>).result; };
        tx.oncomplete = () => { open.result.close(); resolve(counts); };
      };
    }));
    expect(stores).toEqual({ outbox: 1, quarantine: 0 });
    await context.close();
  });
});
