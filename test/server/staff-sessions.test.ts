import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffSession } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

let s: TestServer;
let tablet: TestDevice;
beforeEach(async () => {
  s = await createTestServer({ staffSessions: { maxAttempts: 5, lockMinutes: 15, sessionHours: 8 } });
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Орлов', role: 'associate', pin: '1357' });
  await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Лебедева', role: 'associate', pin: '1111' });
});
afterEach(() => s.close());

const signIn = (device: TestDevice, employeeNo: string, pin: string) =>
  s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: device.auth, payload: { employeeNo, pin } });

describe('staff sign-in on a tablet', () => {
  it('opens a session for the right PIN, with no PIN hash in the answer', async () => {
    const res = await signIn(tablet, '1001', '2468');
    expect(res.statusCode).toBe(201);
    const session = res.json() as StaffSession;
    expect(session).toMatchObject({ sessionToken: expect.stringMatching(/^oks_/), staff: { employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor' } });
    expect(Date.parse(session.expiresAt) - Date.now()).toBeGreaterThan(7.9 * 3600_000);
    expect(res.body).not.toMatch(/scrypt/);
    // The offline unlock verifier is this session's own and checks its unlock code, never
    // the PIN: cracking it from a stolen tablet yields nothing to sign in with.
    const { pbkdf2Sync } = await import('node:crypto');
    const v = session.unlockVerifier;
    const derive = (text: string) => pbkdf2Sync(text, Buffer.from(v.salt, 'base64'), v.iterations, 32, 'sha256').toString('base64');
    expect(session.unlockCode).toMatch(/^\d{4}$/);
    expect(derive(session.unlockCode)).toBe(v.hash);
    expect(derive('2468')).not.toBe(v.hash);
    expect(session.offlineUnlockAttempts).toBe(5);
  });

  it('counts wrong PINs down, then locks the number for 15 minutes, the right PIN included', async () => {
    for (const left of [4, 3, 2, 1]) {
      const res = await signIn(tablet, '1002', '0000');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: 'wrong-pin', attemptsLeft: left });
    }
    const fifth = await signIn(tablet, '1002', '0000');
    expect(fifth.statusCode).toBe(423);
    const lockedUntil = Date.parse(fifth.json().lockedUntil as string);
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect((await signIn(tablet, '1002', '1357')).statusCode).toBe(423);
    // Another employee is not locked by it.
    expect((await signIn(tablet, '1001', '2468')).statusCode).toBe(201);
  }, 60_000);

  it('answers an unknown number exactly like a wrong PIN, and locks it the same', async () => {
    const wrong = await signIn(tablet, '1002', '0000');
    const unknown = await signIn(tablet, '9999', '0000');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: 'x' });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    for (let i = 0; i < 4; i++) await signIn(tablet, '9999', '0000');
    expect((await signIn(tablet, '9999', '0000')).statusCode).toBe(423);
  }, 60_000);

  it('refuses a kiosk’s token (403) and another branch’s employee', async () => {
    const kiosk = await s.enroll('MSK1');
    expect((await signIn(kiosk, '1001', '2468')).statusCode).toBe(403);
    expect((await signIn(tablet, '2001', '1111')).statusCode).toBe(401);
  });

  it('a session is bound to the tablet that opened it, and signing out ends it', async () => {
    const session = (await signIn(tablet, '1001', '2468')).json() as StaffSession;
    const other = await s.enroll('MSK1', 'tablet');
    const out = (device: TestDevice) => s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: { ...device.auth, 'x-staff-session': session.sessionToken } });
    const stolen = await out(other);
    expect(stolen.statusCode).toBe(401);
    expect(stolen.json().message).toMatch(/sign in again/);
    expect((await out(tablet)).json()).toEqual({ ended: true });
    expect((await out(tablet)).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: tablet.auth })).statusCode).toBe(401);
  });

  it('a session expires after its shift', async () => {
    const session = (await signIn(tablet, '1002', '1357')).json() as StaffSession;
    await s.db.query("UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [session.sessionId]);
    const res = await s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: { ...tablet.auth, 'x-staff-session': session.sessionToken } });
    expect(res.statusCode).toBe(401);
  });

  it('unlocks an open session with its PIN again; wrong PINs count and lock like at sign-in', async () => {
    const session = (await signIn(tablet, '1002', '1357')).json() as StaffSession;
    const unlock = (pin: string) => s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions/current/unlock', headers: { ...tablet.auth, 'x-staff-session': session.sessionToken }, payload: { pin } });
    expect((await unlock('1357')).json()).toEqual({ unlocked: true });
    expect((await unlock('0000')).json()).toMatchObject({ error: 'wrong-pin', attemptsLeft: 4 });
    for (let i = 0; i < 3; i++) await unlock('0000');
    expect((await unlock('0000')).statusCode).toBe(423);
    expect((await unlock('1357')).statusCode).toBe(423);
  }, 60_000);
});
