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

  const sessionsOf = async (employeeNo: string) => (await suite.server.db.query<{ ended: boolean; reason: string | null }>(
    `SELECT s.ended_at IS NOT NULL AS ended, (SELECT t.payload->>'reason' FROM transactions t WHERE t.kind = 'staff.signedOut' AND t.payload->>'staffSessionId' = s.id::text) AS reason
     FROM staff_sessions s JOIN staff st ON st.id = s.staff_id WHERE st.employee_no = $1 ORDER BY s.created_at`, [employeeNo])).rows;

  it.each([['a day fast', DAY], ['a day slow', -DAY]])('a tablet %s: the day’s summary is the server’s today, «Забыть меня» applies, and the shift ends when the server’s does', async (_name, skew) => {
    const context = await suite.browser.newContext({ viewport: TABLET_VIEWPORT, hasTouch: true });
    const tablet = await context.newPage();
    tablet.setDefaultTimeout(15_000);
    await tablet.clock.install({ time: Date.now() + skew });
    await tablet.goto(await suite.server.kioskLink('host=fake', 'tablet'));
    await signInOnTablet(tablet, '1001', '2468');
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
      "SELECT status, occurred_at AS at, device_time AS device FROM transactions WHERE kind = 'customer.preferences' AND device_id IN (SELECT id FROM devices WHERE role = 'tablet') ORDER BY received_at DESC LIMIT 1")).rows;
    await eventually(async () => (await forgets()).length === 1, 'the «Забыть меня» to reach the server');
    const [forget] = await forgets();
    expect(forget!.status).toBe('applied');
    expect(Math.abs(forget!.at.getTime() - Date.now())).toBeLessThan(120_000);
    expect(Math.abs(forget!.device.getTime() - forget!.at.getTime() - skew)).toBeLessThan(120_000);

    // Eight hours on (by any clock): the shift is over, the tablet says so and ends it through the outbox.
    await tablet.clock.fastForward(8 * 3600_000 + 120_000);
    await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
    await tablet.getByTestId('sign-in-note').getByText('Смена закончилась: войдите снова.').waitFor();
    await eventually(async () => (await sessionsOf('1001')).some((s) => s.reason === 'expired' && s.ended), 'the expired session to end on the server');
    await context.close();
  });

  it('a reload drops the session’s key with the page; the next page ends the session through the outbox', async () => {
    const { context, tablet } = await suite.openTablet({ employeeNo: '1003', pin: '9753' });
    await tablet.reload();
    await tablet.locator('main[data-screen="tablet-sign-in"]').waitFor();
    await eventually(async () => (await sessionsOf('1003')).some((s) => s.reason === 'reloaded' && s.ended), 'the reloaded session to end on the server');
    const audit = await suite.server.db.query("SELECT 1 FROM audit_log WHERE action = 'session-reloaded' AND employee_no = '1003'");
    expect(audit.rows).toHaveLength(1);
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-sign-in-after-reload-ru.png` });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await context.close();
  });
});
