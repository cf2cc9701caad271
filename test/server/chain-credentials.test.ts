import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { EventTicket, PullResponse } from '../../shared/protocol';
import { openSse } from './support/sse';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import { makeOrderCode } from '../../shared/domain/order-code';
import { runCommand } from '../../server/local/commands';
import { hashToken } from '../../server/services/tokens';
import { createTestServer, type TestServer } from './support/test-app';

/**
 * Issue 22, the credential lifecycle: admin tokens scoped by feed and branch, staff who
 * set their own PIN with a one-time code, are reset, deactivated and re-activated,
 * device tokens that rotate, and a replaced kiosk that goes on with its old series.
 */
let s: TestServer;
beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
});
afterEach(async () => { await s.close(); });

const order = (branchCode: string) => ({
  branchCode, customerName: 'Иван Петров', phone: '+7 916 123-45-67', paid: true,
  items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199_000 }],
});
const run = (request: Parameters<typeof runCommand>[2]) => runCommand(s.db, s.services, request);
const audit = async (action: string) => (await s.db.query<{ subject: string | null; employee_no: string | null }>('SELECT subject, employee_no FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

describe('admin tokens with a scope and an expiry', () => {
  it('write only their feeds, for their branches, until they run out or are revoked', async () => {
    const lines = await run({ command: 'admin-token', label: 'магазин MSK1', feeds: ['orders'], branchCodes: ['MSK1'], days: 30 });
    const token = lines.at(-1)!;
    expect(lines[0]).toMatch(/«магазин MSK1» for orders · MSK1, until /);
    const auth = { authorization: `Bearer ${token}` };
    const put = (url: string, payload: object) => s.app.inject({ method: 'PUT', url, headers: auth, payload });

    expect((await put(`/api/v1/admin/orders/${makeOrderCode(90001)}`, order('MSK1'))).statusCode).toBe(201);
    const otherBranch = await put(`/api/v1/admin/orders/${makeOrderCode(90002)}`, order('SPB1'));
    expect(otherBranch.statusCode).toBe(403);
    expect(otherBranch.json()).toMatchObject({ error: 'admin-scope' });
    expect(otherBranch.json().message).toContain('branch SPB1');
    // Nor may it move an order of another branch into its own.
    await s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${makeOrderCode(90003)}`, headers: s.adminAuth, payload: order('SPB1') });
    expect((await put(`/api/v1/admin/orders/${makeOrderCode(90003)}`, order('MSK1'))).json()).toMatchObject({ error: 'admin-scope' });
    expect(await s.orderStatus(makeOrderCode(90002))).toBeUndefined();
    // Another feed: the catalogue, a card holder.
    const product = await put('/api/v1/admin/products/SKU-9', { ean13: '4600000000008', nameRu: 'Утюг', nameEn: 'Iron', priceKopecks: 1000, warrantyMonths: 12, serialRequired: false });
    expect(product.statusCode).toBe(403);
    expect(product.json().message).toContain('not for the catalogue feed');
    expect((await put('/api/v1/admin/customers/4600000000015', { branchCode: 'MSK1', shortName: 'Анна К.' })).statusCode).toBe(403);

    // A catalogue token limited to a branch cannot change the chain's catalogue.
    const limited = (await run({ command: 'admin-token', label: 'каталог', feeds: ['catalogue'], branchCodes: ['MSK1'], days: null })).at(-1)!;
    const res = await s.app.inject({ method: 'PUT', url: '/api/v1/admin/shopper-words', headers: { authorization: `Bearer ${limited}` }, payload: { words: {} } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('the catalogue is the whole chain');

    // Listed, revoked, and then refused; the list says so.
    const list = await run({ command: 'admin-tokens' });
    const id = list.find((l) => l.includes('«магазин MSK1»'))!.slice(0, 8);
    expect(list.find((l) => l.startsWith(id))).toMatch(/orders · MSK1 {2}valid until .* {2}last used /);
    expect((await run({ command: 'revoke-admin-token', id }))[0]).toContain('revoked');
    const after = await put(`/api/v1/admin/orders/${makeOrderCode(90001)}`, order('MSK1'));
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toContain('revoked or expired');
    expect((await run({ command: 'admin-tokens' })).find((l) => l.startsWith(id))).toContain('revoked');
    expect((await run({ command: 'revoke-admin-token', id }))[0]).toContain('already revoked');

    // Run out: refused like a revoked one.
    await s.db.query("UPDATE admin_tokens SET expires_at = now() - interval '1 second' WHERE label = 'каталог'");
    expect((await s.app.inject({ method: 'PUT', url: '/api/v1/admin/shopper-words', headers: { authorization: `Bearer ${limited}` }, payload: { words: {} } })).statusCode).toBe(401);
    expect((await run({ command: 'admin-tokens' })).find((l) => l.includes('«каталог»'))).toContain('expired');

    // Made and revoked, in the audit log as the operators' own actions (no branch).
    expect((await audit('admin-token-created')).map((r) => r.subject)).toEqual(expect.arrayContaining([expect.stringContaining('«магазин MSK1» orders · MSK1')]));
    expect(await audit('admin-token-revoked')).toEqual([expect.objectContaining({ subject: `${id} «магазин MSK1»` })]);
  });

  it('a token for every feed and branch writes to any branch; an id that names no token is said so', async () => {
    expect((await s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${makeOrderCode(90001)}`, headers: s.adminAuth, payload: order('SPB1') })).statusCode).toBe(201);
    await expect(run({ command: 'revoke-admin-token', id: '0000' })).rejects.toThrow(/no admin token whose id begins with "0000"/);
  });
});

describe('staff credentials', () => {
  let tablet: Awaited<ReturnType<TestServer['enroll']>>;
  beforeEach(async () => {
    tablet = await s.enroll('MSK1', 'tablet');
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'supervisor', pin: '2468' });
  });
  const setPin = (employeeNo: string, setupCode: string, newPin: string) =>
    s.app.inject({ method: 'POST', url: '/api/v1/staff/pin', headers: tablet.auth, payload: { employeeNo, setupCode, newPin } });
  const signIn = (employeeNo: string, pin: string) =>
    s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: tablet.auth, payload: { employeeNo, pin } });

  it('a new colleague sets their own PIN on a tablet with the code add-staff printed; no PIN is on the command line', async () => {
    const lines = await run({ command: 'add-staff', staff: { branchCode: 'MSK1', employeeNo: '1004', name: 'Пётр Сидоров', role: 'associate' } });
    const code = lines.at(-1)!;
    expect(code).toMatch(/^\d{4} \d{4}$/);
    expect((await run({ command: 'staff', branchCode: 'MSK1' })).find((l) => l.startsWith('1004'))).toContain('PIN: waiting for its code');
    // Nothing signs in yet.
    expect((await signIn('1004', '0000')).statusCode).toBe(401);

    const wrong = await setPin('1004', '00000000', '4826');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'wrong-setup-code', attemptsLeft: 3 });
    const weak = await setPin('1004', code, '1234');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().message).toContain('not a run of digits');
    expect((await setPin('1004', code, '4826')).json()).toEqual({ employeeNo: '1004', pinSet: true });
    expect((await signIn('1004', '4826')).statusCode).toBe(201);
    // The code is spent.
    expect((await setPin('1004', code, '9315')).json()).toMatchObject({ error: 'wrong-setup-code' });
    expect((await audit('pin-set')).map((r) => r.employee_no)).toEqual(['1004']);
  });

  it('a reset PIN stops working at once, ends the sessions, and a run-out code is said to be run out', async () => {
    const session = (await signIn('1001', '2468')).json();
    const reset = await run({ command: 'reset-pin', branchCode: 'MSK1', employeeNo: '1001' });
    expect(reset[0]).toContain('no longer works and 1 session ended');
    const staffRoute = await s.app.inject({ method: 'GET', url: '/api/v1/staff/members', headers: { ...tablet.auth, 'x-staff-session': session.sessionToken } });
    expect(staffRoute.statusCode).toBe(401);
    expect((await signIn('1001', '2468')).statusCode).toBe(401);
    await s.db.query("UPDATE staff SET pin_setup_expires_at = now() - interval '1 minute' WHERE employee_no = '1001'");
    const late = await setPin('1001', reset.at(-1)!, '4826');
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'pin-setup-expired' });
    expect(await audit('pin-reset')).toEqual([{ subject: '1001', employee_no: 'cli' }]);
  });

  it('a deactivated person signs in nowhere, is told why once the PIN is right, and signs in again once re-activated', async () => {
    const session = (await signIn('1001', '2468')).json();
    expect((await run({ command: 'deactivate-staff', branchCode: 'MSK1', employeeNo: '1001' }))[0]).toContain('deactivated: signs in nowhere; 1 open session ended');
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/staff/members', headers: { ...tablet.auth, 'x-staff-session': session.sessionToken } })).statusCode).toBe(401);
    const refused = await signIn('1001', '2468');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'staff-deactivated' });
    expect((await signIn('1001', '1111')).json()).toMatchObject({ error: 'wrong-pin' });
    expect((await run({ command: 'staff', branchCode: 'MSK1' })).find((l) => l.startsWith('1001'))).toContain('DEACTIVATED');
    expect((await run({ command: 'reactivate-staff', branchCode: 'MSK1', employeeNo: '1001' }))[0]).toContain('active again');
    expect((await signIn('1001', '2468')).statusCode).toBe(201);
    expect((await audit('staff-deactivated')).length).toBe(1);
    expect((await audit('staff-reactivated')).length).toBe(1);
  });

  it('a supervisor on the tablet lists the branch’s staff, resets a colleague’s PIN and ends their sessions, but not their own', async () => {
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Орлов', role: 'associate', pin: '1357' });
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Лебедева', role: 'associate', pin: '1111' });
    const other = await s.enroll('MSK1', 'tablet');
    const colleague = await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: other.auth, payload: { employeeNo: '1002', pin: '1357' } });
    const sup = (await signIn('1001', '2468')).json();
    const as = (token: string) => ({ ...tablet.auth, 'x-staff-session': token });

    const list = (await s.app.inject({ method: 'GET', url: '/api/v1/staff/members', headers: as(sup.sessionToken) })).json();
    expect(list.members.map((m: { employeeNo: string }) => m.employeeNo)).toEqual(['1001', '1002']);
    expect(list.members[1]).toMatchObject({ name: 'Дмитрий Орлов', active: true, pin: 'set', openSessions: 1 });

    const ended = await s.app.inject({ method: 'POST', url: '/api/v1/staff/members/1002/end-sessions', headers: as(sup.sessionToken) });
    expect(ended.json()).toMatchObject({ action: 'end-sessions', sessionsEnded: 1, pinSetupCode: null });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { ...other.auth, 'x-staff-session': colleague.json().sessionToken } })).statusCode).toBe(401);

    const reset = (await s.app.inject({ method: 'POST', url: '/api/v1/staff/members/1002/reset-pin', headers: as(sup.sessionToken) })).json();
    expect(reset.pinSetupCode).toMatch(/^\d{8}$/);
    expect((await setPin('1002', reset.pinSetupCode, '7391')).statusCode).toBe(200);

    const self = await s.app.inject({ method: 'POST', url: '/api/v1/staff/members/1001/deactivate', headers: as(sup.sessionToken) });
    expect(self.statusCode).toBe(403);
    expect(self.json()).toMatchObject({ error: 'staff-self' });
    // Another branch's person is not theirs to touch.
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/members/2001/deactivate', headers: as(sup.sessionToken) })).statusCode).toBe(404);
    // An associate manages nobody.
    const assoc = (await signIn('1002', '7391')).json();
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/staff/members', headers: as(assoc.sessionToken) })).json()).toMatchObject({ error: 'role-forbidden' });
    expect(await audit('pin-reset')).toEqual([{ subject: '1002', employee_no: '1001' }]);
  });
});

describe('device tokens', () => {
  it('a revoked tablet’s next push, event ticket and sign-in are refused', async () => {
    const tablet = await s.enroll('MSK1', 'tablet');
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'supervisor', pin: '2468' });
    await run({ command: 'revoke-device', deviceCode: tablet.deviceCode });
    const push = await s.push(tablet, [{ id: randomUUID(), seq: 1, kind: 'staff.signedOut', occurredAt: new Date().toISOString(), payload: { sessionId: randomUUID(), reason: 'signed-out' } }]);
    expect(push.statusCode).toBe(401);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: tablet.auth })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: tablet.auth, payload: { employeeNo: '1001', pin: '2468' } })).statusCode).toBe(401);
  });

  it('what a revoked kiosk never sent is shown to the branch until a supervisor marks it reviewed, once, audited', async () => {
    const kiosk = await s.enroll('MSK1', 'kiosk');
    const idle = await s.enroll('MSK1', 'kiosk');
    const tablet = await s.enroll('MSK1', 'tablet');
    const spb = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'supervisor', pin: '2468' });
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Орлов', role: 'associate', pin: '1357' });
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Лебедева', role: 'supervisor', pin: '1111' });
    const report = (device: typeof kiosk, queued: number, quarantined = 0) => s.app.inject({ method: 'PUT', url: '/api/v1/devices/current/status', headers: device.auth, payload: {
      queued, oldestQueuedAt: queued ? '2026-12-04T08:02:00.000Z' : null, quarantined, printer: 'ok', appVersion: '0.1.0',
    } });
    expect((await report(kiosk, 37, 2)).statusCode).toBe(200);
    expect((await report(idle, 0)).statusCode).toBe(200);
    await run({ command: 'revoke-device', deviceCode: kiosk.deviceCode });
    await run({ command: 'revoke-device', deviceCode: idle.deviceCode });
    const session = async (device: typeof kiosk, employeeNo: string, pin: string) =>
      ({ ...device.auth, 'x-staff-session': (await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: device.auth, payload: { employeeNo, pin } })).json().sessionToken as string });
    const sup = await session(tablet, '1001', '2468');
    const list = async (headers: Record<string, string>) => (await s.app.inject({ method: 'GET', url: '/api/v1/devices', headers })).json();

    const before = await list(sup);
    // The revoked kiosks leave the branch's devices; the one that held work is listed apart, with it.
    expect(before.devices.map((d: { code: string }) => d.code)).toEqual([tablet.deviceCode]);
    expect(before.revoked).toEqual([expect.objectContaining({ code: kiosk.deviceCode, role: 'kiosk', queued: 37, quarantined: 2, oldestQueuedAt: '2026-12-04T08:02:00.000Z' })]);
    expect(Date.parse(before.revoked[0].revokedAt)).toBeGreaterThanOrEqual(Date.parse(before.revoked[0].lastContactAt));
    // An associate sees it too, but marks nothing; another branch's supervisor cannot reach it.
    const assoc = await session(tablet, '1002', '1357');
    expect((await list(assoc)).revoked).toHaveLength(1);
    const reviewed = (headers: Record<string, string>, code = kiosk.deviceCode) => s.app.inject({ method: 'POST', url: `/api/v1/devices/${code}/revoked-work/reviewed`, headers });
    expect((await reviewed(assoc)).json()).toMatchObject({ error: 'role-forbidden' });
    expect((await reviewed(await session(spb, '2001', '1111'))).statusCode).toBe(404);
    // A device still in service has nothing to review.
    expect((await reviewed(sup, tablet.deviceCode)).statusCode).toBe(404);

    // 50 taps at once (two supervisors, a double tap): one marks it, the rest are told so.
    const answers = await Promise.all(Array.from({ length: 50 }, () => reviewed(sup)));
    expect(answers.map((a) => a.statusCode).every((code) => code === 200)).toBe(true);
    expect(answers.map((a) => a.json().result).sort()).toEqual([...Array(49).fill('already'), 'reviewed']);
    for (let i = 0; i < 3; i++) expect((await reviewed(sup)).json()).toEqual({ deviceCode: kiosk.deviceCode, result: 'already' });
    expect(await audit('revoked-work-reviewed')).toEqual([{ subject: kiosk.deviceCode, employee_no: '1001' }]);
    expect((await list(sup)).revoked).toEqual([]);

    // A broken kiosk replaced under its name, never revoked: what it held is kept as it was
    // then, and the new kiosk's own reports (an empty queue) do not wipe it out.
    const broken = await s.enroll('MSK1', 'kiosk');
    expect((await report(broken, 5)).statusCode).toBe(200);
    const code = (await run({ command: 'enroll-code', replaces: broken.deviceCode })).at(-1);
    const fresh = (await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code } })).json();
    const successor = { ...broken, auth: { authorization: `Bearer ${fresh.token}` } };
    expect((await report(successor, 0)).statusCode).toBe(200);
    const after = await list(sup);
    expect(after.devices.map((d: { code: string; queued: number }) => [d.code, d.queued])).toContainEqual([broken.deviceCode, 0]);
    expect(after.revoked).toEqual([expect.objectContaining({ code: broken.deviceCode, queued: 5, quarantined: 0 })]);
    // The successor stolen in turn with 3 of its own, before anyone looked: both are shown, newest first.
    expect((await report(successor, 3)).statusCode).toBe(200);
    await run({ command: 'revoke-device', deviceCode: broken.deviceCode });
    expect((await list(sup)).revoked.map((r: { code: string; queued: number }) => [r.code, r.queued])).toEqual([[broken.deviceCode, 3], [broken.deviceCode, 5]]);
    expect((await reviewed(sup, broken.deviceCode)).json()).toEqual({ deviceCode: broken.deviceCode, result: 'reviewed' });
    expect((await list(sup)).revoked).toEqual([]);
  });

  it('rotate in a sync round for a device that keeps the new token; the old one works through its grace period and not after', async () => {
    const kiosk = await s.enroll('MSK1', 'kiosk');
    const pull = async (token: string, rotate = true) => s.app.inject({ method: 'GET', url: `/api/v1/sync/pull${rotate ? '?rotate=1' : ''}`, headers: { authorization: `Bearer ${token}` } });
    const newToken = async (token: string, rotate = true) => ((await pull(token, rotate)).json() as PullResponse).newToken;
    expect(await newToken(kiosk.token)).toBeUndefined();
    await s.db.query("UPDATE devices SET token_issued_at = now() - interval '31 days' WHERE id = $1", [kiosk.deviceId]);
    // A device of an older release would drop a new token: it is never given one.
    expect(await newToken(kiosk.token, false)).toBeUndefined();
    const first = await newToken(kiosk.token);
    expect(first).toMatch(/^okd_/);
    // The answer is lost on its way. Within a minute the old token is a request that was
    // on its way: no new token. Later, the device that still comes with it gets the newest.
    expect(await newToken(kiosk.token)).toBeUndefined();
    await s.db.query("UPDATE devices SET token_issued_at = now() - interval '2 minutes' WHERE id = $1", [kiosk.deviceId]);
    const again = await newToken(kiosk.token);
    expect(again).toMatch(/^okd_/);
    expect(again).not.toBe(first);
    expect((await pull(first!)).statusCode).toBe(401);
    // The device uses its new token: it is not rotated again, and from now on a copy of the
    // old one mints nothing, however late; it works to the end of its grace period.
    expect(await newToken(again!)).toBeUndefined();
    await s.db.query("UPDATE devices SET token_issued_at = now() - interval '2 minutes' WHERE id = $1", [kiosk.deviceId]);
    const copy = await pull(kiosk.token);
    expect(copy.statusCode).toBe(200);
    expect((copy.json() as PullResponse).newToken).toBeUndefined();
    expect((await pull(again!)).statusCode).toBe(200);
    // The grace period ends, counted from the first rotation: the old token is refused.
    const { rows: [grace] } = await s.db.query<{ days: number }>('SELECT extract(epoch FROM old_token_expires_at - now()) / 86400 AS days FROM devices WHERE id = $1', [kiosk.deviceId]);
    expect(Number(grace!.days)).toBeGreaterThan(6.9);
    expect(Number(grace!.days)).toBeLessThanOrEqual(7);
    await s.db.query("UPDATE devices SET old_token_expires_at = now() - interval '1 second' WHERE id = $1", [kiosk.deviceId]);
    expect((await pull(kiosk.token)).statusCode).toBe(401);
    expect((await audit('device-token-rotated')).length).toBe(2);
  });

  it('a push of a replaced device that waited for the device’s lock writes nothing', async () => {
    const old = await s.enroll('MSK1', 'kiosk');
    const code = await s.putOrder('MSK1');
    const tx = s.pickup(old, code);
    // The old kiosk's push is authenticated; meanwhile the replacement takes the device over.
    const found = await s.services.repos.devices.findByTokenHash(s.db, hashToken(old.token));
    const enrolCode = (await run({ command: 'enroll-code', replaces: old.deviceCode })).at(-1)!;
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: enrolCode } })).statusCode).toBe(201);
    await expect(s.services.push.push(found!, [tx])).rejects.toThrow(/taken out of service or replaced/);
    expect(await s.orderStatus(code)).toBe('ready');
  });

  it('a replaced kiosk’s successor takes its name, place and series; the old one stops working', async () => {
    const old = await s.enroll('MSK1', 'kiosk');
    await run({ command: 'device-place', deviceCode: old.deviceCode, place: 'у входа' });
    const codes = [await s.putOrder('MSK1'), await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    expect((await s.push(old, codes.slice(0, 2).map((c) => s.pickup(old, c)))).json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);

    const lines = await run({ command: 'enroll-code', replaces: old.deviceCode });
    expect(lines[0]).toContain(`replacing ${old.deviceCode}`);
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: lines.at(-1) } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ deviceId: old.deviceId, deviceCode: old.deviceCode, role: 'kiosk', resume: { lastSeq: 2, lastDocumentNumber: 2 } });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: old.auth })).statusCode).toBe(401);
    const { rows: [device] } = await s.db.query<{ place: string }>('SELECT place FROM devices WHERE id = $1', [old.deviceId]);
    expect(device!.place).toBe('у входа');

    // It goes on with the series: seq 3 and document 3 are applied, once.
    const successor = { ...old, ...body, auth: { authorization: `Bearer ${body.token}` }, nextSeq: 3, receiptCounter: 3 };
    const tx = s.pickup(successor, codes[2]!);
    expect(tx.payload).toMatchObject({ receiptNumber: formatReceiptNumber(old.deviceCode, 3) });
    for (let i = 0; i < 3; i++) {
      expect((await s.push(successor, [tx])).json().results[0].status).toBe(i === 0 ? 'applied' : 'duplicate');
    }
    expect((await audit('device-replaced'))).toEqual([expect.objectContaining({ subject: old.deviceCode })]);
    // The code is spent.
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: lines.at(-1) } })).statusCode).toBe(401);

    // Its live events: the old device's revocation, under the id it kept, ends nothing of the new one's.
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = s.app.server.address() as AddressInfo;
    const ticket = (await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: successor.auth })).json() as EventTicket;
    const stream = await openSse(`http://127.0.0.1:${port}/api/v1/events?ticket=${ticket.ticket}&since=${ticket.todayFrom}`);
    await s.putOrder('MSK1');
    await stream.next('pull.now');
    expect(stream.ended).toBe(false);
    expect(stream.events.map((e) => e.name)).not.toContain('device.revoked');
    stream.close();
  });
});

describe('at once', () => {
  it('50 concurrent uses of one PIN code set one PIN; the others are told it was just used', async () => {
    await s.close();
    s = await createTestServer({ rateLimits: { signIn: { max: 1000, perMs: 60_000, by: 'device' } } });
    await s.addBranch('MSK1');
    const tablet = await s.enroll('MSK1', 'tablet');
    const { pinSetup } = await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1004', name: 'Пётр Сидоров', role: 'associate' });
    const pins = Array.from({ length: 50 }, (_, i) => String(4000 + i * 7).padStart(4, '0').replace(/^(\d)\1+$/, '4826'));
    const answers = await Promise.all(pins.map((newPin) =>
      s.app.inject({ method: 'POST', url: '/api/v1/staff/pin', headers: tablet.auth, payload: { employeeNo: '1004', setupCode: pinSetup!.code, newPin } })));
    const won = answers.flatMap((a, i) => (a.statusCode === 200 ? [pins[i]!] : []));
    expect(won).toHaveLength(1);
    // The others: used a moment ago (409); or, read after the winner's commit, a code that
    // no longer exists, counted like a wrong PIN (401), which after five locks the number (423).
    const others = answers.filter((a) => a.statusCode !== 200).map((a) => `${a.statusCode} ${a.json().error}`);
    expect(others.filter((o) => !['409 pin-setup-expired', '401 wrong-setup-code', '423 locked'].includes(o))).toEqual([]);
    expect((await audit('pin-set')).length).toBe(1);
    await run({ command: 'unlock-staff', branchCode: 'MSK1', employeeNo: '1004' });
    // The PIN that won is the one that works; replayed ×3, the code sets nothing more.
    for (let i = 0; i < 3; i++) {
      expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/pin', headers: tablet.auth, payload: { employeeNo: '1004', setupCode: pinSetup!.code, newPin: '9315' } })).statusCode).toBe(401);
    }
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: tablet.auth, payload: { employeeNo: '1004', pin: won[0] } })).statusCode).toBe(201);
  });

  it('50 concurrent pulls with a token due for rotation rotate it once', async () => {
    const kiosk = await s.enroll('MSK1', 'kiosk');
    await s.db.query("UPDATE devices SET token_issued_at = now() - interval '31 days' WHERE id = $1", [kiosk.deviceId]);
    const pages = await Promise.all(Array.from({ length: 50 }, () => s.app.inject({ method: 'GET', url: '/api/v1/sync/pull?rotate=1', headers: kiosk.auth })));
    expect(pages.every((p) => p.statusCode === 200)).toBe(true);
    const tokens = pages.map((p) => (p.json() as PullResponse).newToken).filter(Boolean);
    expect(tokens).toHaveLength(1);
    expect((await audit('device-token-rotated')).length).toBe(1);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: { authorization: `Bearer ${tokens[0]}` } })).statusCode).toBe(200);
  });
});

describe('branches', () => {
  it('are opened from the CLI, audited, listed, and enrol devices', async () => {
    const lines = await run({ command: 'add-branch', branch: { code: 'KZN1', name: 'Окно в Казани', legalName: 'ООО «Окно»', inn: '7701234567', address: 'Казань, ул. Баумана, 1' } });
    expect(lines[0]).toContain('branch KZN1 created');
    await expect(run({ command: 'add-branch', branch: { code: 'KZN1', name: 'Ещё', legalName: 'ООО', inn: '7701234567', address: 'Казань, ул. 2' } })).rejects.toThrow(/KZN1 is taken/);
    const kiosk = await s.enroll('KZN1');
    expect(kiosk.deviceCode).toBe('KZN1-K01');
    const page = (await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: kiosk.auth })).json() as PullResponse;
    expect(page.branch).toMatchObject({ code: 'KZN1', name: 'Окно в Казани', timeZone: 'Europe/Moscow' });
    expect(page.hashKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await run({ command: 'branches' })).find((l) => l.startsWith('KZN1'))).toBe('KZN1  Окно в Казани  1 device  0 staff');
    expect(await audit('branch-created')).toEqual([{ subject: 'KZN1', employee_no: 'cli' }]);
  });
});
