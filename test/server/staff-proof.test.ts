import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditDay, PushResult, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import { openSse } from './support/sse';
import { sessionKeyPair, signWith } from './support/staff-keys';
import { runCommand } from '../../server/local/commands';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';
import { pushResults as results } from './support/push-results';

/**
 * Issue 20: staff transactions carry proof (a signature by the session's own key, and the
 * session's end by the device's own sequence), a locked tablet's session serves nothing
 * but its unlock, the sign-in lockout counts per tablet as well as per number, and abuse
 * of the open routes answers 429. On PGlite, and on PostgreSQL with DATABASE_URL.
 */
let s: TestServer;
let tablet: TestDevice;
let supervisor: StaffSession;
let associate: StaffSession;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  await s.app.inject({ method: 'PUT', url: '/api/v1/admin/products/SKU-1', headers: s.adminAuth, payload: { ean13: '4600000000008', nameRu: 'Чайник', nameEn: 'Kettle', priceKopecks: 199_000, warrantyMonths: 12, serialRequired: false } });
  supervisor = await s.signIn(tablet, '1001', '2468');
  associate = await s.signIn(tablet, '1002', '1357');
});
afterEach(() => s.close());

const outcomes = (res: { json(): unknown }) => results(res).map((r) => r.reason ?? r.status);
const raw = (device: TestDevice, transactions: TransactionEnvelope[]) =>
  s.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: device.auth, payload: { transactions } });
const staffHeaders = (session: StaffSession, device = tablet) => ({ ...device.auth, 'x-staff-session': session.sessionToken });

function tx(kind: string, payload: Record<string, unknown>, at = new Date(), device = tablet): TransactionEnvelope {
  return { id: randomUUID(), seq: device.nextSeq++, kind, occurredAt: at.toISOString(), payload };
}
function sale(session: StaffSession, at?: Date): TransactionEnvelope {
  return tx('sale.completed', {
    saleId: randomUUID(), receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines: [{ sku: 'SKU-1', qty: 2, priceKopecks: 199_000 }],
    payment: { method: 'cash', amountKopecks: 398_000, tenderedKopecks: 400_000, changeKopecks: 2_000 }, confirmedOn: 'tablet', staffSessionId: session.sessionId,
  }, at);
}
function refund(session: StaffSession, saleTx: TransactionEnvelope): TransactionEnvelope {
  return tx('sale.refunded', { refundId: randomUUID(), saleId: saleTx.payload['saleId'], receiptNumber: formatReceiptNumber(tablet.deviceCode, tablet.receiptCounter++), lines: [{ sku: 'SKU-1', qty: 1 }], staffSessionId: session.sessionId });
}
const paid = (session: StaffSession, orderCode: string, at?: Date) =>
  tx('order.paid', { orderCode, payment: { method: 'card', amountKopecks: 199_000, terminalRef: '123456' }, staffSessionId: session.sessionId }, at);
const signedOut = (session: StaffSession, device = tablet) => tx('staff.signedOut', { staffSessionId: session.sessionId, reason: 'signed-out' }, new Date(), device);
const refunds = async () => (await s.db.query('SELECT 1 FROM refunds')).rows.length;
const isPaid = async (code: string) => (await s.db.query<{ paid: boolean }>('SELECT paid FROM pickup_orders WHERE code = $1', [code])).rows[0]!.paid;

describe('a staff transaction is authorised by proof, not by a session id', () => {
  it('the forged refund: an associate with the supervisor’s session id (from the outbox) gets nothing, and the audit log names nobody', async () => {
    const sold = sale(associate);
    expect(outcomes(await s.push(tablet, [sold]))).toEqual(['applied']);
    const key = s.staffKeys.keyOf(associate.sessionId)!;
    // Unsigned, as a developer console would push it.
    expect(results(await raw(tablet, [refund(supervisor, sold)]))[0]).toMatchObject({ reason: 'staff-session-invalid', detail: expect.stringMatching(/not signed/) });
    // Signed, with the associate's own key: the signature is not the supervisor session's.
    expect(results(await raw(tablet, [signWith(key, refund(supervisor, sold))]))[0]).toMatchObject({ reason: 'staff-session-invalid' });
    // Another tablet's key pair made up for it: no better.
    expect(results(await raw(tablet, [signWith(sessionKeyPair().privateKey, refund(supervisor, sold))]))[0]).toMatchObject({ reason: 'staff-session-invalid' });
    expect(await refunds()).toBe(0);
    // The supervisor's own, signed by the supervisor's key, is a refund.
    expect(outcomes(await s.push(tablet, [refund(supervisor, sold)]))).toEqual(['applied']);
    expect(await refunds()).toBe(1);
    const audit = (await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: staffHeaders(supervisor) })).json() as AuditDay;
    expect(audit.entries.filter((e) => e.action === 'sale.refunded').map((e) => e.staffName)).toEqual(['Ольга Сергеевна Иванова']);
  });

  it('a signature is for one transaction: another payload, id, seq or time under it is refused', async () => {
    const key = s.staffKeys.keyOf(associate.sessionId)!;
    const code = await s.putOrder('MSK1', { paid: false });
    const signed = signWith(key, paid(associate, code));
    const cheaper = { ...signed, payload: { ...signed.payload, payment: { method: 'card', amountKopecks: 1, terminalRef: '123456' } } };
    const moved = { ...signed, id: randomUUID(), seq: tablet.nextSeq++ };
    const later = { ...signed, id: randomUUID(), seq: tablet.nextSeq++, occurredAt: new Date(Date.now() + 60_000).toISOString() };
    expect(outcomes(await raw(tablet, [cheaper, moved, later]))).toEqual(['staff-session-invalid', 'staff-session-invalid', 'staff-session-invalid']);
    expect(await isPaid(code)).toBe(false);
    // Key order does not matter: the message is canonical JSON.
    const reordered = { ...signWith(key, paid(associate, code)) };
    reordered.payload = Object.fromEntries(Object.entries(reordered.payload).reverse());
    expect(outcomes(await raw(tablet, [reordered]))).toEqual(['applied']);
  });

  it('a session opened without a key authors nothing; it still reads', async () => {
    const keyless = (await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: tablet.auth, payload: { employeeNo: '1001', pin: '2468' } })).json() as StaffSession;
    expect(results(await raw(tablet, [sale(keyless)]))[0]).toMatchObject({ reason: 'staff-session-invalid', detail: expect.stringMatching(/no key/) });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: staffHeaders(keyless) })).statusCode).toBe(200);
  });

  it('a key that is no P-256 public key is refused at sign-in, naming the field, and counts nothing', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: tablet.auth, payload: { employeeNo: '1001', pin: '2468', publicKey: Buffer.from('x'.repeat(60)).toString('base64') } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'publicKey' });
  });
});

describe('a session ends by the device’s own sequence', () => {
  // How the tablet's session can end, each followed by a payment made after it; each
  // answers what the forgery got. The forger still holds the session's key (stolen from
  // memory, say) and stamps the payment an hour ago.
  type Forgery = (end: TransactionEnvelope, madeBefore: TransactionEnvelope, backdated: TransactionEnvelope) => Promise<PushResult>;
  const endings: [string, Forgery][] = [
    ['its staff.signedOut earlier in the same push', async (end, madeBefore, backdated) => {
      const [before, ended, forged] = results(await s.push(tablet, [madeBefore, end, backdated]));
      expect([before!.status, ended!.status]).toEqual(['applied', 'applied']);
      return forged!;
    }],
    ['its staff.signedOut stored from an earlier push', async (end, madeBefore, backdated) => {
      expect(outcomes(await s.push(tablet, [madeBefore, end]))).toEqual(['applied', 'applied']);
      return results(await s.push(tablet, [backdated]))[0]!;
    }],
    ['the sign-out heard online (DELETE with endSeq) before its staff.signedOut arrives', async (end, madeBefore, backdated) => {
      expect((await s.app.inject({ method: 'DELETE', url: `/api/v1/staff/sessions/current?endSeq=${end.seq}`, headers: staffHeaders(associate) })).statusCode).toBe(200);
      const [before, forged] = results(await s.push(tablet, [madeBefore, backdated]));
      expect(before!.status).toBe('applied');
      expect(outcomes(await s.push(tablet, [end]))).toEqual(['applied']);
      return forged!;
    }],
  ];

  it.each(endings)('the back-dated payment, made after the sign-out but stamped inside the session’s hours, is refused: %s', async (_name, endThenForge) => {
    // The session opened three hours ago, so an hour ago lies inside its hours by any
    // clock: only the payment's place in the device's sequence gives it away.
    await s.db.query("UPDATE staff_sessions SET created_at = created_at - interval '3 hours', expires_at = expires_at - interval '3 hours' WHERE id = $1", [associate.sessionId]);
    const [before, after] = [await s.putOrder('MSK1', { paid: false }), await s.putOrder('MSK1', { paid: false })];
    const madeBefore = paid(associate, before);
    const end = signedOut(associate);
    const backdated = paid(associate, after, new Date(Date.now() - 3600_000));
    expect(await endThenForge(end, madeBefore, backdated)).toMatchObject({ status: 'rejected', reason: 'staff-session-invalid', detail: expect.stringMatching(/after the staff session ended/) });
    expect([await isPaid(before), await isPaid(after)]).toEqual([true, false]);
    // However it ended, the session is over on the server too.
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/rejections', headers: staffHeaders(associate) })).statusCode).toBe(401);
  });

  it('staff.signedOut is exactly once (50 concurrent copies, replay ×3), and only for this tablet’s own session', async () => {
    const end = signedOut(supervisor);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [end])));
    const statuses = all.map((r) => results(r)[0]!.status);
    expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(49);
    for (let i = 0; i < 3; i++) expect(outcomes(await s.push(tablet, [end]))).toEqual(['duplicate']);
    const audit = (await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: staffHeaders(associate) }));
    expect(audit.statusCode).toBe(403); // an associate reads no audit; the supervisor's session is over
    const { rows } = await s.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action = 'sign-out'");
    expect(rows).toHaveLength(1);
    const other = await s.enroll('MSK1', 'tablet');
    expect(results(await raw(other, [signedOut(associate, other)]))[0]).toMatchObject({ reason: 'staff-session-invalid', detail: expect.stringMatching(/another device/) });
    expect(results(await raw(tablet, [tx('staff.signedOut', { staffSessionId: randomUUID(), reason: 'reloaded' })]))[0]).toMatchObject({ reason: 'staff-session-invalid' });
    const kiosk = await s.enroll('MSK1');
    expect(results(await raw(kiosk, [signedOut(associate, kiosk)]))[0]).toMatchObject({ reason: 'role-forbidden' });
  });

  it('a session opened before keys existed (an upgrade) is judged by time until it runs out, so its queued work is not lost', async () => {
    await s.db.query('UPDATE staff_sessions SET public_key = NULL, legacy = true WHERE id = $1', [associate.sessionId]);
    const code = await s.putOrder('MSK1', { paid: false });
    expect(outcomes(await raw(tablet, [paid(associate, code)]))).toEqual(['applied']);
    expect(outcomes(await raw(tablet, [paid(associate, await s.putOrder('MSK1', { paid: false }), new Date(Date.now() + 9 * 3600_000))]))).toEqual(['staff-session-invalid']);
  });
});

describe('a locked tablet', () => {
  it('serves nothing of its session but its unlock, sign-out and event ticket until the PIN opens it', async () => {
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions/current/lock', headers: staffHeaders(supervisor) })).statusCode).toBe(200);
    const locked = await s.app.inject({ method: 'GET', url: '/api/v1/rejections', headers: staffHeaders(supervisor) });
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ error: 'session-locked' });
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: staffHeaders(supervisor) })).statusCode).toBe(201);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions/current/unlock', headers: staffHeaders(supervisor), payload: { pin: '0000' } })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/rejections', headers: staffHeaders(supervisor) })).statusCode).toBe(423);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions/current/unlock', headers: staffHeaders(supervisor), payload: { pin: '2468' } })).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/rejections', headers: staffHeaders(supervisor) })).statusCode).toBe(200);
  });
});

describe('lockout as a weapon goes nowhere', () => {
  const signInOn = (device: TestDevice, employeeNo: string, pin: string) =>
    s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: device.auth, payload: { employeeNo, pin } });

  it('one tablet hammering a supervisor’s number locks it on that tablet only; a supervisor lifts the lock, and the audit says who', async () => {
    const rogue = await s.enroll('MSK1', 'tablet');
    for (let i = 0; i < 4; i++) expect((await signInOn(rogue, '1001', '0000')).statusCode).toBe(401);
    const locking = await signInOn(rogue, '1001', '0000');
    expect(locking.statusCode).toBe(423);
    expect((await signInOn(rogue, '1001', '2468')).statusCode).toBe(423); // the right PIN too, on that tablet
    expect((await signInOn(tablet, '1001', '2468')).statusCode).toBe(201); // and free everywhere else
    // A supervisor (here, on the good tablet) lifts it; the rogue tablet may sign in again.
    const lifted = await s.app.inject({ method: 'POST', url: '/api/v1/staff/numbers/1001/unlock', headers: staffHeaders(supervisor) });
    expect(lifted.json()).toEqual({ employeeNo: '1001', wasLocked: true });
    expect((await signInOn(rogue, '1001', '2468')).statusCode).toBe(201);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/numbers/1001/unlock', headers: staffHeaders(associate) })).statusCode).toBe(403);
    const audit = (await s.app.inject({ method: 'GET', url: '/api/v1/audit', headers: staffHeaders(supervisor) })).json() as AuditDay;
    expect(audit.entries.filter((e) => e.action === 'number-unlocked').map((e) => [e.staffName, e.subject])).toEqual([['Ольга Сергеевна Иванова', '1001']]);
  });

  it('many tablets together lock a number everywhere; the CLI’s command lifts it', async () => {
    const rogues = await Promise.all([1, 2, 3].map(() => s.enroll('MSK1', 'tablet')));
    for (const rogue of rogues) for (let i = 0; i < 5; i++) await signInOn(rogue, '1002', '0000');
    const everywhere = await signInOn(tablet, '1002', '1357');
    expect(everywhere.statusCode).toBe(423);
    const { runCommand } = await import('../../server/local/commands');
    expect(await runCommand(s.db, s.services, { command: 'unlock-staff', branchCode: 'MSK1', employeeNo: '1002' })).toEqual(['employee number 1002 of MSK1 unlocked on every tablet']);
    expect((await signInOn(tablet, '1002', '1357')).statusCode).toBe(201);
    await expect(runCommand(s.db, s.services, { command: 'unlock-staff', branchCode: 'NOPE', employeeNo: '1002' })).rejects.toThrow(/no branch with code "NOPE"/);
  });

  it('a tablet hammering sign-in gets 429 with Retry-After, and another tablet behind the same address does not', async () => {
    const t = await createTestServer({ rateLimits: { signIn: { max: 3, perMs: 60_000, by: 'device' } } });
    try {
      await t.addBranch('MSK1');
      const [a, b] = [await t.enroll('MSK1', 'tablet'), await t.enroll('MSK1', 'tablet')];
      const hit = (device: TestDevice) => t.app.inject({ method: 'POST', url: '/api/v1/staff/sessions', headers: device.auth, payload: { employeeNo: '9999', pin: '0000' } });
      for (let i = 0; i < 3; i++) expect((await hit(a)).statusCode).toBe(401);
      const refused = await hit(a);
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json()).toMatchObject({ error: 'too-many-requests' });
      expect((await hit(b)).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('a tablet hammering the unlock of its locked session gets 429 with Retry-After, the right PIN too; another tablet’s unlock does not', async () => {
    const t = await createTestServer({ rateLimits: { signIn: { max: 3, perMs: 60_000, by: 'device' } } });
    try {
      await t.addBranch('MSK1');
      await t.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'supervisor', pin: '2468' });
      await t.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Орлов', role: 'associate', pin: '1357' });
      const [a, b] = [await t.enroll('MSK1', 'tablet'), await t.enroll('MSK1', 'tablet')];
      const [onA, onB] = [await t.signIn(a, '1001', '2468'), await t.signIn(b, '1002', '1357')];
      const unlock = (device: TestDevice, session: StaffSession, pin: string) => t.app.inject({
        method: 'POST', url: '/api/v1/staff/sessions/current/unlock', headers: { ...device.auth, 'x-staff-session': session.sessionToken }, payload: { pin },
      });
      for (const [device, session] of [[a, onA], [b, onB]] as const) {
        expect((await t.app.inject({ method: 'POST', url: '/api/v1/staff/sessions/current/lock', headers: { ...device.auth, 'x-staff-session': session.sessionToken } })).statusCode).toBe(200);
      }
      // Fewer than the lockout's five: what stops the fourth guess is the rate, not the lockout.
      for (let i = 0; i < 3; i++) expect((await unlock(a, onA, '0000')).statusCode).toBe(401);
      const refused = await unlock(a, onA, '2468');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json()).toMatchObject({ error: 'too-many-requests' });
      expect((await unlock(b, onB, '1357')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('enrolment codes, admin routes and order look-ups are limited too (429)', async () => {
    const t = await createTestServer({ rateLimits: { enrol: { max: 3, perMs: 60_000, by: 'address' }, admin: { max: 4, perMs: 60_000, by: 'address' }, orderLookup: { max: 2, perMs: 60_000, by: 'device' } } });
    try {
      await t.addBranch('MSK1');
      const kiosk = await t.enroll('MSK1');
      const code = await t.putOrder('MSK1');
      const guess = () => t.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: 'WRONG-CODE' } });
      expect([(await guess()).statusCode, (await guess()).statusCode, (await guess()).statusCode]).toEqual([401, 401, 429]);
      // Counted per route: the feed's own route, after the feed's one good call.
      const admin = () => t.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: { authorization: 'Bearer guessed' }, payload: {} });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await admin()).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      const lookups = [];
      for (let i = 0; i < 3; i++) lookups.push((await t.app.inject({ method: 'GET', url: `/api/v1/orders/${code}`, headers: kiosk.auth })).statusCode);
      expect(lookups).toEqual([200, 200, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('the phone-digit check is counted per order on the server', () => {
  const check = (device: TestDevice, code: string, last4: string) =>
    s.app.inject({ method: 'POST', url: `/api/v1/orders/${code}/phone-check`, headers: device.auth, payload: { last4 } });

  it('wrong digits from any kiosk and any visit add up: five lock the order’s check for an hour, the right digits included', async () => {
    const [a, b, c] = [await s.enroll('MSK1'), await s.enroll('MSK1'), await s.enroll('MSK1')];
    const code = await s.putOrder('MSK1'); // phone ending 4567
    expect((await check(a, code, '4567')).json()).toEqual({ match: true, attemptsLeft: 5 });
    const lefts = [];
    for (const kiosk of [a, a, a, b]) lefts.push((await check(kiosk, code, '0000')).json());
    expect(lefts).toEqual([4, 3, 2, 1].map((attemptsLeft) => ({ match: false, attemptsLeft })));
    const locked = await check(b, code, '1111');
    expect(locked.statusCode).toBe(423);
    expect(Date.parse((locked.json() as { lockedUntil: string }).lockedUntil) - Date.now()).toBeGreaterThan(59 * 60_000);
    expect((await check(c, code, '4567')).statusCode).toBe(423);
    // Another order is not touched; another branch's order is not this kiosk's to check; none at all is 404.
    expect((await check(c, await s.putOrder('MSK1'), '4567')).json()).toMatchObject({ match: true });
    await s.addBranch('SPB1');
    expect((await check(c, await s.putOrder('SPB1'), '4567')).statusCode).toBe(403);
    expect((await check(c, '00000000', '4567')).statusCode).toBe(404);
    // A tablet has no phone check of its own: it is the kiosk's.
    expect((await check(tablet, code, '4567')).statusCode).toBe(403);
  });
});

describe('event streams end with their session', () => {
  let base = '';
  beforeEach(async () => {
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  });
  const stream = async (session: StaffSession) => {
    const ticket = (await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: staffHeaders(session) })).json() as { ticket: string };
    return openSse(`${base}/api/v1/events?ticket=${ticket.ticket}`);
  };
  const endsWithin = async (sse: { ended: boolean }, ms: number) => {
    const until = Date.now() + ms;
    while (!sse.ended && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    return sse.ended;
  };

  it('within seconds of a sign-out online, or of the tablet’s staff.signedOut arriving; the other session’s stream stays', async () => {
    const [a, b] = [await stream(supervisor), await stream(associate)];
    await s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: staffHeaders(supervisor) });
    expect(await endsWithin(a, 3000)).toBe(true);
    expect(a.events.map((e) => e.name)).toContain('staff.sessionEnded');
    expect(b.ended).toBe(false);
    expect(outcomes(await s.push(tablet, [signedOut(associate)]))).toEqual(['applied']);
    expect(await endsWithin(b, 3000)).toBe(true);
  });

  it('within seconds of the device’s revocation: its staff streams end, its sessions with them, and its token is refused; another device goes on', async () => {
    const [a, b] = [await stream(supervisor), await stream(associate)];
    const other = await s.enroll('MSK1');
    const ticket = (await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: other.auth })).json() as { ticket: string };
    const kioskStream = await openSse(`${base}/api/v1/events?ticket=${ticket.ticket}`);
    const lines = await runCommand(s.db, s.services, { command: 'revoke-device', deviceCode: tablet.deviceCode });
    expect(lines.at(-1)).toContain('2 staff sessions on it ended');
    expect(await endsWithin(a, 3000)).toBe(true);
    expect(await endsWithin(b, 3000)).toBe(true);
    expect(kioskStream.ended).toBe(false);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: staffHeaders(supervisor) })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: tablet.auth })).statusCode).toBe(401);
    await expect(runCommand(s.db, s.services, { command: 'revoke-device', deviceCode: tablet.deviceCode })).rejects.toThrow(/no enrolled device/);
    const audit = await s.db.query<{ action: string; subject: string }>(`SELECT action, subject FROM audit_log WHERE action = 'device-revoked'`);
    expect(audit.rows).toEqual([{ action: 'device-revoked', subject: tablet.deviceCode }]);
    // A kiosk's own stream (no staff session in it) ends with its revocation too.
    await runCommand(s.db, s.services, { command: 'revoke-device', deviceCode: other.deviceCode });
    expect(await endsWithin(kioskStream, 3000)).toBe(true);
  });

  it('when the session’s shift runs out, though nobody signs out', async () => {
    const t = await createTestServer({ staffSessions: { maxAttempts: 5, lockMinutes: 15, sessionHours: 2 / 3600 } });
    try {
      await t.addBranch('MSK1');
      const device = await t.enroll('MSK1', 'tablet');
      await t.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'supervisor', pin: '2468' });
      const short = await t.signIn(device, '1001', '2468');
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const ticket = (await t.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: { ...device.auth, 'x-staff-session': short.sessionToken } })).json() as { ticket: string };
      const sse = await openSse(`http://127.0.0.1:${(t.app.server.address() as { port: number }).port}/api/v1/events?ticket=${ticket.ticket}`);
      expect(sse.status).toBe(200);
      expect(await endsWithin(sse, 5000)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
