import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDay, StaffSession } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/** Every staff action in an append-only log a supervisor reads; ids and masked data only. */
let s: TestServer;
let tablet: TestDevice;
beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
});
afterEach(() => s.close());

const signIn = (employeeNo: string, pin: string) => s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: tablet.auth, payload: { employeeNo, pin } });
const headers = (session: StaffSession) => ({ ...tablet.auth, 'x-staff-session': session.sessionToken });

describe('the audit log', () => {
  it('records sign-ins (failed ones too, an unknown number by the number typed), staff transactions by their session, sign-out; a supervisor reads the day', async () => {
    await signIn('1002', '0000');
    await signIn('9999', '0000');
    const associate = await s.signIn(tablet, '1002', '1357');
    const code = await s.putOrder('MSK1', { paid: false });
    const pay = { id: randomUUID(), seq: tablet.nextSeq++, kind: 'order.paid', occurredAt: new Date().toISOString(),
      payload: { orderCode: code, payment: { method: 'card', amountKopecks: 199_000, terminalRef: '123456' }, staffSessionId: associate.sessionId } };
    expect((await s.push(tablet, [pay, pay])).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions/current/lock', headers: headers(associate) })).json()).toEqual({ locked: true });
    await s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: headers(associate) });
    const supervisor = (await signIn('1001', '2468')).json() as StaffSession;
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: headers(supervisor) });
    expect(res.statusCode).toBe(200);
    const day = res.json() as AuditDay;
    expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(day.entries.map((e) => [e.action, e.staffName, e.employeeNo, e.subject])).toEqual([
      // The two were added by the IT team (the CLI, no device) in the set-up.
      ['staff-added', null, 'cli', '1001'],
      ['staff-added', null, 'cli', '1002'],
      ['sign-in-failed', 'Дмитрий Андреевич Орлов', '1002', null],
      ['sign-in-failed', null, '9999', null],
      ['sign-in', 'Дмитрий Андреевич Орлов', '1002', null],
      ['order.paid', 'Дмитрий Андреевич Орлов', '1002', code], // once, though pushed twice
      ['lock', 'Дмитрий Андреевич Орлов', '1002', null],
      ['sign-out', 'Дмитрий Андреевич Орлов', '1002', null],
      ['sign-in', 'Ольга Сергеевна Иванова', '1001', null],
    ]);
    expect(day.entries.slice(2).every((e) => e.device === tablet.deviceCode)).toBe(true);
    expect(day.entries.slice(0, 2).every((e) => e.device === null)).toBe(true);
    expect(JSON.stringify(day)).not.toMatch(/123456|1357|0000/); // no card reference, no PIN
  });

  it('an associate may not read it; another day is empty; the log refuses to be changed', async () => {
    const associate = (await signIn('1002', '1357')).json() as StaffSession;
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: headers(associate) })).statusCode).toBe(403);
    const supervisor = (await signIn('1001', '2468')).json() as StaffSession;
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/audit?date=2020-01-01', headers: headers(supervisor) })).json()).toEqual({ date: '2020-01-01', entries: [], next: null });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/audit?date=yesterday', headers: headers(supervisor) })).statusCode).toBe(400);
    await expect(s.db.query("UPDATE audit_log SET action = 'nothing'")).rejects.toThrow(/append-only/);
    await expect(s.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });
});
