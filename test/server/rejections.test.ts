import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RejectionList, RejectionResolvedPayload, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';
import { pushResults as results } from './support/push-results';

/** The branch's rejected transactions and rejection.resolved: roles, plain facts, exactly once; on PGlite and PostgreSQL. */
let s: TestServer;
let tablet: TestDevice;
let first: TestDevice;
let second: TestDevice;
let supervisor: StaffSession;
let associate: StaffSession;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  tablet = await s.enroll('MSK1', 'tablet');
  [first, second] = [await s.enroll('MSK1'), await s.enroll('MSK1')];
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  supervisor = await signIn(tablet, '1001', '2468');
  associate = await signIn(tablet, '1002', '1357');
});
afterEach(() => s.close());

async function signIn(device: TestDevice, employeeNo: string, pin: string): Promise<StaffSession> {
  return s.signIn(device, employeeNo, pin);
}
const outcome = (res: { json(): unknown }) => results(res).map((r) => r.reason ?? r.status);
const staffHeaders = (device: TestDevice, session: StaffSession) => ({ ...device.auth, 'x-staff-session': session.sessionToken });
const list = async (session: StaffSession, status: 'open' | 'all' = 'open', device = tablet) => {
  const res = await s.app.inject({ method: 'GET', url: `/api/v1/rejections?status=${status}`, headers: staffHeaders(device, session) });
  if (res.statusCode !== 200) throw new Error(res.body);
  return (res.json() as RejectionList).rejections;
};
function resolution(transactionId: string, overrides: Partial<RejectionResolvedPayload> = {}, device = tablet): TransactionEnvelope {
  return {
    id: randomUUID(), seq: device.nextSeq++, kind: 'rejection.resolved', occurredAt: new Date().toISOString(),
    payload: { transactionId, action: 'handled', note: 'Покупатель получил заказ на киоске 1, чек выдан', staffSessionId: supervisor.sessionId, ...overrides },
  };
}

/** The same order picked up at two kiosks: the second handover is refused. */
async function doubleHandover(): Promise<{ code: string; rejected: TransactionEnvelope }> {
  const code = await s.putOrder('MSK1');
  expect(outcome(await s.push(first, [s.pickup(first, code)]))).toEqual(['applied']);
  const rejected = s.pickup(second, code);
  expect(outcome(await s.push(second, [rejected]))).toEqual(['already-picked-up']);
  return { code, rejected };
}

describe('GET /api/v1/rejections', () => {
  it('lists the branch’s refusals newest first with the facts for plain words: the order, where and when it was handed over', async () => {
    const { code, rejected } = await doubleHandover();
    const later = await doubleHandover();
    const rows = await list(associate); // associates see them too; only a supervisor resolves
    expect(rows.map((r) => r.transactionId)).toEqual([later.rejected.id, rejected.id]);
    expect(rows[1]).toMatchObject({
      kind: 'order.pickedUp', device: second.deviceCode, reason: 'already-picked-up', subject: code, resolution: null,
      order: { status: 'picked_up', pickedUpDevice: first.deviceCode, pickedUpAt: expect.any(String) },
    });
    // The kiosk that was refused sees its own, the one that was not sees none.
    const own = async (device: TestDevice) => ((await s.app.inject({ method: 'GET', url: '/api/v1/devices/current/rejections', headers: device.auth })).json() as RejectionList).rejections;
    expect((await own(second)).map((r) => r.transactionId)).toEqual([later.rejected.id, rejected.id]);
    expect(await own(first)).toEqual([]);
  });

  it('is for the branch’s own staff: another branch’s tablet sees none of them; a kiosk cannot read the branch’s list', async () => {
    await doubleHandover();
    const theirs = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Викторовна Смирнова', role: 'supervisor', pin: '8642' });
    expect(await list(await signIn(theirs, '2001', '8642'), 'all', theirs)).toEqual([]);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/rejections', headers: first.auth })).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/rejections', headers: tablet.auth })).statusCode).toBe(401); // no staff session
  });
});

describe('rejection.resolved', () => {
  it('a supervisor marks one handled with a note: 50 concurrent copies apply once, replay ×3 changes nothing; it leaves the open list; audited; the tablets hear it', async () => {
    const { rejected } = await doubleHandover();
    const tx = resolution(rejected.id);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [tx])));
    expect(all.map((r) => results(r)[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(outcome(await s.push(tablet, [tx]))).toEqual(['duplicate']);
    expect(await list(supervisor)).toEqual([]);
    const [row] = await list(supervisor, 'all');
    expect(row!.resolution).toEqual({ action: 'handled', note: 'Покупатель получил заказ на киоске 1, чек выдан', staffName: 'Ольга Сергеевна Иванова', resolvedAt: tx.occurredAt, correctingTransactionId: null });
    const { rows: audit } = await s.db.query<{ action: string; subject: string; employee: string }>("SELECT action, subject, employee_no AS employee FROM audit_log WHERE action = 'rejection.resolved'");
    expect(audit).toEqual([{ action: 'rejection.resolved', subject: rejected.id, employee: '1001' }]);
    const { rows: events } = await s.db.query<{ name: string }>("SELECT name FROM events WHERE name IN ('transaction.rejected', 'rejection.resolved') ORDER BY id");
    expect(events.map((e) => e.name)).toEqual(['transaction.rejected', 'rejection.resolved']);
  });

  it('rejects: an associate, a second resolution, an unknown id, an applied transaction, another branch’s, a correction that is no applied transaction', async () => {
    const { rejected } = await doubleHandover();
    expect(outcome(await s.push(tablet, [resolution(rejected.id, { staffSessionId: associate.sessionId })]))).toEqual(['role-forbidden']);
    const applied = (await s.db.query<{ id: string }>("SELECT id::text FROM transactions WHERE status = 'applied'")).rows[0]!.id;
    // Another branch's rejection.
    const spbKiosk = await s.enroll('SPB1');
    const foreign = s.pickup(spbKiosk, await s.putOrder('MSK1'));
    expect(outcome(await s.push(spbKiosk, [foreign]))).toEqual(['other-branch']);
    expect(outcome(await s.push(tablet, [
      resolution(rejected.id, { action: 'corrected', correctingTransactionId: randomUUID() }),
      resolution(rejected.id), resolution(rejected.id, { note: 'ещё раз' }),
      resolution(randomUUID()), resolution(applied), resolution(foreign.id),
    ]))).toEqual(['unknown-correction', 'applied', 'already-resolved', 'unknown-rejection', 'unknown-rejection', 'other-branch']);
    // Two supervisors on two tablets at once: one resolution, one told.
    const other = await doubleHandover();
    const tablet2 = await s.enroll('MSK1', 'tablet');
    const supervisor2 = await signIn(tablet2, '1001', '2468');
    const both = await Promise.all([s.push(tablet, [resolution(other.rejected.id)]), s.push(tablet2, [resolution(other.rejected.id, { staffSessionId: supervisor2.sessionId }, tablet2)])]);
    expect(both.flatMap(outcome).sort()).toEqual(['already-resolved', 'applied']);
  });

  it('a correction names the transaction that did what the rejected one could not (a staff handover of the same order after a refused one)', async () => {
    const code = await s.putOrder('MSK1');
    const stale = { ...s.pickup(tablet, code), payload: { orderCode: code, receiptNumber: 'MSK1-T01-000001', verifiedBy: 'staff', staffSessionId: randomUUID() } };
    expect(outcome(await s.push(tablet, [stale]))).toEqual(['staff-session-invalid']);
    const redo = { ...s.pickup(tablet, code), payload: { orderCode: code, receiptNumber: formatNumber(tablet), verifiedBy: 'staff', staffSessionId: supervisor.sessionId } };
    expect(outcome(await s.push(tablet, [redo]))).toEqual(['applied']);
    // The list names the handover that did it, for the supervisor to point at.
    const [open] = await list(supervisor);
    expect(open).toMatchObject({ transactionId: stale.id, order: { status: 'picked_up', pickedUpDevice: tablet.deviceCode, pickedUpTx: redo.id } });
    expect(outcome(await s.push(tablet, [resolution(stale.id, { action: 'corrected', correctingTransactionId: redo.id, note: 'Выдан заново по паспорту' })]))).toEqual(['applied']);
    const [row] = await list(supervisor, 'all');
    expect(row).toMatchObject({ transactionId: stale.id, resolution: { action: 'corrected', correctingTransactionId: redo.id, note: 'Выдан заново по паспорту' } });
  });

  it('refuses a payload that cannot be a resolution, naming the rule', async () => {
    const { rejected } = await doubleHandover();
    const res = results(await s.push(tablet, [resolution(rejected.id, { action: 'corrected' }), resolution(rejected.id, { note: '   ' })]));
    expect(res.map((r) => r.reason)).toEqual(['invalid-payload', 'invalid-payload']);
    expect(res.map((r) => r.detail)).toEqual([expect.stringContaining('name the correcting transaction'), expect.stringContaining('a note')]);
  });
});

function formatNumber(device: TestDevice): string {
  return `${device.deviceCode}-${String(device.receiptCounter++).padStart(6, '0')}`;
}
