import { describe, expect, it } from 'vitest';
import { tabletFindings } from './support/axe';
import { findChromium, KIOSK_VIEWPORT } from './support/chromium';
import { kioskPage, SCREENSHOTS } from './support/kiosk-page';
import { kioskSuite, signInOnTablet, TABLET_VIEWPORT } from './support/suite';

/**
 * Issue 22 on the tablets, in Chromium through the real server: a new colleague sets
 * their own PIN with the code they were given; a supervisor ends their sessions, resets
 * their PIN (the code shown once) and deactivates them; the colleague's tablet follows.
 */
describe.skipIf(!findChromium())('staff credentials on the tablets', () => {
  const suite = kioskSuite();

  it('a new colleague sets their PIN with a code; a supervisor ends their session, resets the PIN and deactivates them', async () => {
    const { pinSetup } = await suite.server.services.staff.add({ branchCode: 'MSK1', employeeNo: '1007', name: 'Пётр Сидоров', role: 'associate' });
    // The colleague's tablet, at its sign-in screen.
    const context = await suite.browser.newContext({ viewport: TABLET_VIEWPORT, hasTouch: true });
    const theirs = await context.newPage();
    theirs.setDefaultTimeout(15_000);
    await theirs.goto(await suite.server.kioskLink('host=fake', 'tablet'));
    await theirs.getByTestId('open-pin-setup').click();
    const setUp = async (code: string, pin: string, repeat = pin) => {
      await theirs.getByTestId('setup-employee-no').fill('1007');
      await theirs.getByTestId('setup-code').fill(code);
      await theirs.getByTestId('setup-pin').fill(pin);
      await theirs.getByTestId('setup-repeat').fill(repeat);
      await theirs.getByTestId('setup-save').click();
    };
    await setUp('11112222', '4826');
    await theirs.getByTestId('setup-note').getByText('Номер или код не подошли. Осталось попыток: 4.').waitFor();
    await setUp(pinSetup!.code, '4826', '4827');
    await theirs.getByTestId('setup-note').getByText('ПИН-коды не совпадают. Введите оба ещё раз.').waitFor();
    await setUp(pinSetup!.code, '1111');
    await theirs.getByTestId('setup-note').getByText(/легко угадать/).waitFor();
    await theirs.getByTestId('setup-pin').fill('4826');
    await theirs.getByTestId('setup-repeat').fill('4826');
    await theirs.screenshot({ path: `${SCREENSHOTS}/tablet-pin-setup-ru.png`, fullPage: true });
    expect(await tabletFindings(theirs)).toEqual({ violations: [], incomplete: [], small: [] });
    await theirs.getByTestId('setup-save').click();
    await theirs.getByTestId('sign-in-note').getByText('ПИН-код для номера 1007 сохранён. Теперь войдите с ним.').waitFor();
    expect(await theirs.getByTestId('employee-no').inputValue()).toBe('1007');
    await theirs.getByTestId('pin').fill('4826');
    await theirs.getByTestId('sign-in').click();
    await theirs.locator('main[data-screen="tablet-home"]').waitFor();

    // The supervisor's tablet: the branch's staff.
    const { context: supContext, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-staff').click();
    const row = tablet.getByTestId('staff-1007');
    await row.getByText('работает · в системе').waitFor();
    // Not their own number.
    expect(await tablet.getByTestId('staff-1001').getByRole('button').count()).toBe(0);

    await row.getByTestId('staff-end-sessions').click();
    await row.getByTestId('staff-confirm').click();
    await tablet.getByTestId('staff-note').getByText('Пётр Сидоров: завершено сеансов: 1.').waitFor();
    // Their tablet hears it and asks for the PIN again.
    await theirs.locator('main[data-screen="tablet-sign-in"]').waitFor();

    await row.getByTestId('staff-reset-pin').click();
    await row.getByTestId('staff-confirm').click();
    const code = (await tablet.getByTestId('staff-code').textContent())!;
    expect(code).toMatch(/^\d{4} \d{4}$/);
    await row.getByText('работает · ждёт новый ПИН-код · не в системе').waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-staff-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });

    // The old PIN no longer opens anything; the code sets a new one.
    await theirs.getByTestId('employee-no').fill('1007');
    await theirs.getByTestId('pin').fill('4826');
    await theirs.getByTestId('sign-in').click();
    await theirs.getByTestId('sign-in-note').getByText(/Номер или ПИН-код не подошли/).waitFor();
    await theirs.getByTestId('open-pin-setup').click();
    await setUp(code.replace(' ', ''), '5937');
    await signInOnTablet(theirs, '1007', '5937');

    // Deactivated: the session ends, and the right PIN is told why it opens nothing.
    await row.getByTestId('staff-deactivate').click();
    await row.getByTestId('staff-confirm').click();
    await row.getByText('отключён · не в системе').waitFor();
    await theirs.locator('main[data-screen="tablet-sign-in"]').waitFor();
    await theirs.getByTestId('employee-no').fill('1007');
    await theirs.getByTestId('pin').fill('5937');
    await theirs.getByTestId('sign-in').click();
    await theirs.getByTestId('sign-in-note').getByText('Этот табельный номер отключён. Обратитесь к старшему смены.').waitFor();
    await row.getByTestId('staff-reactivate').click();
    await row.getByTestId('staff-confirm').click();
    await row.getByText('работает · не в системе').waitFor();

    const { rows } = await suite.server.db.query<{ action: string; employee_no: string }>(
      "SELECT action, employee_no FROM audit_log WHERE subject = '1007' AND action IN ('sessions-ended', 'pin-reset', 'staff-deactivated', 'staff-reactivated') ORDER BY id");
    expect(rows).toEqual(['sessions-ended', 'pin-reset', 'staff-deactivated', 'staff-reactivated'].map((action) => ({ action, employee_no: '1001' })));
    await supContext.close();
    await context.close();
  });

  it('a supervisor makes the code for a broken kiosk’s replacement and takes it out of service; the new kiosk takes its name', async () => {
    const old = await suite.openKiosk();
    const oldCode = await old.deviceCode();
    const { context, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-devices').click();
    const row = tablet.locator(`[data-testid="device"][data-code="${oldCode}"]`);
    // The tablet in the supervisor's hands has no actions of its own.
    await row.getByTestId('device-replace').waitFor();
    expect(await tablet.getByTestId('device-actions').count()).toBe(await tablet.getByTestId('device').count() - 1);

    await row.getByTestId('device-replace').click();
    const code = (await tablet.getByTestId('device-replacement-code').textContent())!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await row.getByTestId('device-revoke').click();
    await row.getByText(`Отключить ${oldCode}? Его ключ перестанет действовать`).waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-device-actions-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    await row.getByTestId('device-revoke-confirm').click();
    await tablet.getByTestId('device-action-note').getByText(`${oldCode} отключено.`).waitFor();
    await tablet.locator(`[data-testid="device"][data-code="${oldCode}"]`).waitFor({ state: 'detached' });

    // The new kiosk, enrolled with the code, is the old one's name.
    const fresh = await suite.browser.newContext({ viewport: KIOSK_VIEWPORT });
    const replacement = kioskPage(await fresh.newPage());
    await replacement.page.goto(`${suite.server.url()}/kiosk/?enroll=${code}&host=fake`);
    await replacement.waitForScreen('welcome');
    expect(await replacement.deviceCode()).toBe(oldCode);
    const { rows } = await suite.server.db.query<{ action: string; employee_no: string }>(
      "SELECT action, employee_no FROM audit_log WHERE subject = $1 AND action IN ('replacement-code-made', 'device-revoked', 'device-replaced') ORDER BY id", [oldCode]);
    expect(rows).toEqual([{ action: 'replacement-code-made', employee_no: '1001' }, { action: 'device-revoked', employee_no: '1001' }, { action: 'device-replaced', employee_no: null }]);
    await fresh.close();
    await context.close();
  });

  it('a kiosk taken out of service with work it never sent is shown on the tablet until a supervisor marks it reviewed', async () => {
    const { services, url } = suite.server;
    const kiosk = await services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk', place: 'у кассы 3' })).code);
    // Its last report, as its sync engine sends one after a round: 37 pickups and payments
    // the server never took, the oldest from 95 minutes ago, and 2 refusals unresolved.
    const oldest = new Date(Date.now() - 95 * 60_000).toISOString();
    const put = await fetch(`${url()}/api/v1/devices/current/status`, {
      method: 'PUT', headers: { authorization: `Bearer ${kiosk.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ queued: 37, oldestQueuedAt: oldest, quarantined: 2, printer: 'ok', appVersion: '0.1.0' }),
    });
    expect(put.status).toBe(200);
    // Stolen: the IT team takes it out of service from the command line.
    await services.deviceRevocation.revoke(kiosk.deviceCode);

    const { context, tablet } = await suite.openTablet();
    await tablet.getByTestId('tab-branch').click();
    await tablet.getByTestId('branch-devices').click();
    const row = tablet.locator(`[data-testid="revoked-device"][data-code="${kiosk.deviceCode}"]`);
    await row.getByText(`Киоск ${kiosk.deviceCode} (у кассы 3)`).waitFor();
    expect(await row.textContent()).toContain('Отключён ');
    expect(await row.textContent()).toContain('ждали отправки 37 операций, самая ранняя');
    expect(await row.textContent()).toContain('отказов сервера без решения: 2');
    await tablet.getByTestId('revoked-work').getByText('на сервер не попадут').waitFor();
    await tablet.getByTestId('revoked-work').scrollIntoViewIfNeeded();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-revoked-work-ru.png`, fullPage: true });
    expect(await tabletFindings(tablet)).toEqual({ violations: [], incomplete: [], small: [] });
    // The same in English, and back.
    await tablet.getByTestId('tablet-lang').click();
    await row.getByText('37 transactions waited on it to be sent').waitFor();
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-revoked-work-en.png`, fullPage: true });
    await tablet.getByTestId('tablet-lang').click();

    await row.getByTestId('revoked-work-reviewed').click();
    await tablet.getByTestId('device-action-note').getByText(`${kiosk.deviceCode}: отмечено как просмотренное`).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await tablet.getByTestId('revoked-work').count()).toBe(0);
    const { rows } = await suite.server.db.query<{ employee_no: string }>("SELECT employee_no FROM audit_log WHERE action = 'revoked-work-reviewed' AND subject = $1", [kiosk.deviceCode]);
    expect(rows).toEqual([{ employee_no: '1001' }]);
    await context.close();
  });
});
