import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config';
import type { DeviceList, DeviceStatusReport, StaffSession } from '../../shared/protocol';
import { APP_VERSION } from '../../shared/version';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/** Every device's state for the tablets: the reports, the alerts, who may read them; on PGlite and PostgreSQL. */
let s: TestServer;
let tablet: TestDevice;
let kiosk: TestDevice;
let session: StaffSession;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  tablet = await s.enroll('MSK1', 'tablet');
  kiosk = await s.enroll('MSK1');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  session = await s.signIn(tablet, '1002', '1357');
});
afterEach(() => s.close());

const report = (overrides: Partial<DeviceStatusReport> = {}): DeviceStatusReport =>
  ({ queued: 0, oldestQueuedAt: null, quarantined: 0, printer: 'ok', appVersion: APP_VERSION, unprinted: [], syncProblem: null, speech: null, ...overrides });
const put = (device: TestDevice, body: unknown) => s.app.inject({ method: 'PUT', url: '/api/v1/devices/current/status', headers: device.auth, payload: body as object });
const list = async (device = tablet, staff = session) => {
  const res = await s.app.inject({ method: 'GET', url: '/api/v1/devices', headers: { ...device.auth, 'x-staff-session': staff.sessionToken } });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json() as DeviceList;
};
const kioskRow = async () => (await list()).devices.find((d) => d.code === kiosk.deviceCode)!;
const statusEvents = async () => (await s.db.query<{ data: { device: string; printer: string } }>("SELECT data FROM events WHERE name = 'device.status' ORDER BY id")).rows.map((r) => r.data);

describe('device status', () => {
  it('lists every device of the branch with its last report; one that never reported is silent', async () => {
    expect((await put(kiosk, report({ queued: 3, oldestQueuedAt: new Date(Date.now() - 60_000).toISOString(), printer: 'paper-near-end' }))).statusCode).toBe(200);
    const { devices, limits } = await list();
    expect(limits).toEqual({ silentMinutes: 15, queueOldMinutes: 30 });
    expect(devices.map((d) => [d.role, d.code])).toEqual([['kiosk', kiosk.deviceCode], ['tablet', tablet.deviceCode]]);
    expect(devices[0]).toMatchObject({ queued: 3, printer: 'paper-near-end', quarantined: 0, appVersion: APP_VERSION, alerts: [], lastContactAt: expect.any(String) });
    expect(devices[1]).toMatchObject({ lastContactAt: null, printer: null, alerts: ['silent'] });
  });

  it('a kiosk says which languages it can speak; a report without it (an older kiosk) is not known, never "no voice"', async () => {
    const other = await s.enroll('MSK1');
    expect((await put(kiosk, report({ speech: { ru: false, en: false } }))).statusCode).toBe(200);
    expect((await put(other, { queued: 0, oldestQueuedAt: null, quarantined: 0, printer: 'ok', appVersion: APP_VERSION })).statusCode).toBe(200);
    const { devices } = await list();
    expect(devices.find((d) => d.code === kiosk.deviceCode)).toMatchObject({ speech: { ru: false, en: false }, alerts: [] });
    expect(devices.find((d) => d.code === other.deviceCode)).toMatchObject({ speech: null });
    expect((await put(kiosk, report({ speech: { ru: true } as never }))).statusCode).toBe(400);
  });

  it('raises alerts: a kiosk offline longer than the limit, a queue older than its limit, a printer out of paper, refused transactions', async () => {
    await put(kiosk, report());
    expect((await kioskRow()).alerts).toEqual([]);
    // The kiosk went offline 20 minutes ago, with a transaction queued for 40.
    await put(kiosk, report({ queued: 1, oldestQueuedAt: new Date(Date.now() - 40 * 60_000).toISOString(), printer: 'paper-out', quarantined: 2 }));
    await s.db.query("UPDATE device_status SET reported_at = now() - interval '20 minutes'");
    expect((await kioskRow()).alerts).toEqual(['silent', 'queue-old', 'printer', 'quarantine']);
  });

  it('a device whose sync cannot go on by itself says why, and the tablets hear it as an alert in words (issue 19)', async () => {
    await put(kiosk, report());
    const res = await put(kiosk, report({ queued: 4, oldestQueuedAt: new Date().toISOString(), syncProblem: { problem: 'device-error', detail: "Cannot read properties of undefined (reading 'digest')" } }));
    expect(res.statusCode).toBe(200);
    const row = await kioskRow();
    expect(row).toMatchObject({ syncProblem: { problem: 'device-error' }, alerts: ['sync-problem'] });
    const { alertLine } = await import('../../renderer/staff/backoffice/device-words');
    const { staffRu } = await import('../../shared/i18n/staff-ru');
    expect(alertLine(staffRu, row, Date.now())).toMatch(/: сбой на устройстве остановил синхронизацию \(Cannot read properties of undefined \(reading 'digest'\)\), нужен инженер$/);
    expect((await statusEvents()).length).toBe(2); // the problem is news for the tablets
    await put(kiosk, report());
    expect((await kioskRow()).alerts).toEqual([]);
  });

  it('tells the tablets when something staff act on changes, not on every count', async () => {
    await put(kiosk, report());
    await put(kiosk, report({ queued: 2, oldestQueuedAt: new Date().toISOString() }));
    await put(kiosk, report({ queued: 5, oldestQueuedAt: new Date().toISOString() })); // still queued: no news
    await put(kiosk, report({ queued: 5, oldestQueuedAt: new Date().toISOString(), printer: 'cover-open' }));
    expect((await statusEvents()).map((e) => e.printer)).toEqual(['ok', 'ok', 'cover-open']);
  });

  it('refuses a malformed report naming the field, and a kiosk or another branch cannot read the list', async () => {
    const bad = await put(kiosk, { ...report(), printer: 'on-fire' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('printer');
    expect((await put(kiosk, { ...report(), queued: -1 })).statusCode).toBe(400);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/devices', headers: kiosk.auth })).statusCode).toBe(403);
    const theirs = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Викторовна Смирнова', role: 'associate', pin: '8642' });
    const their = (await s.signIn(theirs, '2001', '8642'));
    expect((await list(theirs, their)).devices.map((d) => d.code)).toEqual([theirs.deviceCode]);
  });

  it('reports the version package.json names (devices and the server say the same)', async () => {
    const { readFile } = await import('node:fs/promises');
    expect(APP_VERSION).toBe(JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });

  it('reads its limits from the environment, refusing a bad one by name', () => {
    expect(loadServerConfig({ OKNO_DEVICE_SILENT_MINUTES: '5', OKNO_QUEUE_OLD_MINUTES: '60' }).deviceAlerts).toEqual({ silentMinutes: 5, queueOldMinutes: 60 });
    expect(() => loadServerConfig({ OKNO_DEVICE_SILENT_MINUTES: '0' })).toThrow('OKNO_DEVICE_SILENT_MINUTES="0" is not valid');
  });
});
