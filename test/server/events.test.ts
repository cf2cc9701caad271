import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { eventually } from '../support/eventually';
import { buildApp } from '../../server/app';
import type { EventTicket, StaffSession, TransactionEnvelope } from '../../shared/protocol';
import { openSse } from './support/sse';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';
import { pushResults as results } from './support/push-results';
import { sample } from './support/metrics-text';

/** Live events: tickets, the stream, replay, who hears what, and two servers on one database. */
let s: TestServer;
let base: string;
let kiosk: TestDevice;
let otherKiosk: TestDevice;
let tablet: TestDevice;
let session: StaffSession;
const extraApps: FastifyInstance[] = [];

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  [kiosk, otherKiosk, tablet] = [await s.enroll('MSK1'), await s.enroll('MSK1'), await s.enroll('MSK1', 'tablet')];
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  session = await signIn(tablet, '1001', '2468');
});
afterEach(async () => {
  for (const app of extraApps.splice(0)) await app.close();
  await s.close();
});

async function signIn(device: TestDevice, employeeNo: string, pin: string): Promise<StaffSession> {
  return s.signIn(device, employeeNo, pin);
}
const staffHeaders = (device: TestDevice, st: StaffSession) => ({ ...device.auth, 'x-staff-session': st.sessionToken });
async function ticket(device: TestDevice, st?: StaffSession): Promise<string> {
  const res = await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: st ? staffHeaders(device, st) : device.auth });
  if (res.statusCode !== 201) throw new Error(res.body);
  return (res.json() as EventTicket).ticket;
}
const stream = async (device: TestDevice, st?: StaffSession, query = '', headers: Record<string, string> = {}, at = base) =>
  openSse(`${at}/api/v1/events?ticket=${await ticket(device, st)}${query}`, headers);

function requested(device: TestDevice, requestId: string = randomUUID()): TransactionEnvelope {
  return { id: randomUUID(), seq: device.nextSeq++, kind: 'assistance.requested', occurredAt: new Date().toISOString(),
    payload: { requestId, screen: 'phone', context: { step: 'phone', orderCode: '47110004', lang: 'ru', largeText: true, voice: false } } };
}
function accepted(device: TestDevice, requestId: string, st: StaffSession): TransactionEnvelope {
  return { id: randomUUID(), seq: device.nextSeq++, kind: 'assistance.accepted', occurredAt: new Date().toISOString(), payload: { requestId, staffSessionId: st.sessionId } };
}
const tx = (device: TestDevice, kind: string, payload: Record<string, unknown>): TransactionEnvelope =>
  ({ id: randomUUID(), seq: device.nextSeq++, kind, occurredAt: new Date().toISOString(), payload });
const eventCount = async (name: string) => (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE name = $1', [name])).rows[0]!.n;

describe('live events', () => {
  it('a call for help reaches the tablets with its context; accepting tells that kiosk, and no other, who is coming', async () => {
    const staff = await stream(tablet, session);
    expect(staff.contentType).toMatch(/^text\/event-stream/);
    const mine = await stream(kiosk);
    const theirs = await stream(otherKiosk);
    const call = requested(kiosk);
    expect(results(await s.push(kiosk, [call]))[0]!.status).toBe('applied');
    const heard = await staff.next('assistance.requested');
    expect(heard.data).toMatchObject({ requestId: call.payload.requestId, kiosk: kiosk.deviceCode, screen: 'phone', context: { orderCode: '47110004', largeText: true } });
    expect(JSON.stringify(heard.data)).not.toMatch(/phone(Last4|Digits)/);

    expect(results(await s.push(tablet, [accepted(tablet, call.payload.requestId as string, session)]))[0]!.status).toBe('applied');
    expect((await mine.next('assistance.accepted')).data).toMatchObject({ requestId: call.payload.requestId, staffFirstName: 'Ольга' });
    expect((await staff.next('assistance.accepted')).data).toMatchObject({ by: 'Ольга Сергеевна Иванова' });
    await new Promise((r) => setTimeout(r, 300));
    expect(theirs.events).toEqual([]); // a kiosk never hears another kiosk's events
    expect(mine.events.map((e) => e.name)).toEqual(['assistance.accepted']); // nor the staff's
    for (const c of [staff, mine, theirs]) c.close();
  });

  it('two staff accepting at once: one wins, the other is told', async () => {
    const call = requested(kiosk);
    await s.push(kiosk, [call]);
    const second = await s.enroll('MSK1', 'tablet');
    const dmitry = await signIn(second, '1002', '1357');
    const [a, b] = await Promise.all([
      s.push(tablet, [accepted(tablet, call.payload.requestId as string, session)]),
      s.push(second, [accepted(second, call.payload.requestId as string, dmitry)]),
    ]);
    const outcomes = [results(a)[0]!, results(b)[0]!].map((r) => r.reason ?? r.status).sort();
    expect(outcomes).toEqual(['already-accepted', 'applied']);
  });

  it('replays what a device missed: Last-Event-ID on reconnect, ?since= after a reload; event ids grow', async () => {
    const first = await stream(tablet, session);
    await s.push(kiosk, [requested(kiosk)]);
    const one = await first.next('assistance.requested');
    first.close();
    await s.push(kiosk, [requested(kiosk), requested(kiosk)]); // while it was away
    const back = await stream(tablet, session, '', { 'last-event-id': String(one.id) });
    const [two, three] = [await back.next('assistance.requested'), await back.next('assistance.requested')];
    expect([two.id, three.id]).toEqual([one.id + 1, one.id + 2]);
    back.close();
    const reloaded = await stream(tablet, session, `&since=${two.id}`);
    expect((await reloaded.next('assistance.requested')).id).toBe(three.id);
    reloaded.close();
  });

  it('times each new event from its push to the last stream it was written to (okno_event_delivery_seconds); a replay of old events is not a late delivery', async () => {
    const scrape = async () => (await s.app.inject({ method: 'GET', url: '/metrics' })).body;
    const staff = await stream(tablet, session);
    const mine = await stream(kiosk);
    await s.push(kiosk, [requested(kiosk)]);
    await staff.next('assistance.requested');
    await eventually(async () => sample(await scrape(), 'okno_event_delivery_seconds_count') === 1, 'the call for help to be timed once, however many streams had it');
    const seconds = sample(await scrape(), 'okno_event_delivery_seconds_sum');
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(5);
    // A tablet opening its stream from the start of the day hears the call again: not counted.
    const late = await stream(tablet, session, '&since=0');
    await late.next('assistance.requested');
    expect(sample(await scrape(), 'okno_event_delivery_seconds_count')).toBe(1);
    for (const c of [staff, mine, late]) c.close();
    // Alone in its branch (the others gone, as after a worker's restart), a stream's replay is not timed either.
    await eventually(async () => sample(await scrape(), 'okno_event_streams_open') === 0, 'the streams to close');
    const alone = await stream(tablet, session, '&since=0');
    await alone.next('assistance.requested');
    expect(sample(await scrape(), 'okno_event_delivery_seconds_count')).toBe(1);
    // …and what comes after it opened is.
    await s.push(kiosk, [requested(kiosk)]);
    await alone.next('assistance.requested');
    await eventually(async () => sample(await scrape(), 'okno_event_delivery_seconds_count') === 2, 'the new call to be timed');
    alone.close();
  });

  it('a ticket opens one stream once; a tablet needs a signed-in staff member; the events also come by polling', async () => {
    const t = await ticket(kiosk);
    const first = await openSse(`${base}/api/v1/events?ticket=${t}`);
    expect(first.status).toBe(200);
    first.close();
    expect((await openSse(`${base}/api/v1/events?ticket=${t}`)).status).toBe(401);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: tablet.auth })).statusCode).toBe(401);
    await s.push(kiosk, [requested(kiosk)]);
    const poll = await s.app.inject({ method: 'GET', url: '/api/v1/events/poll?since=0', headers: staffHeaders(tablet, session) });
    expect(poll.json()).toMatchObject({ events: [{ name: 'assistance.requested' }], lastId: expect.any(Number) });
    const kioskPoll = await s.app.inject({ method: 'GET', url: '/api/v1/events/poll?since=0', headers: kiosk.auth });
    expect(kioskPoll.json()).toEqual({ events: [], lastId: 0 });
  });

  it('an open stream does not hold one of the server\'s places for requests in progress: with one place, the device\'s next call is still served', async () => {
    const one = await buildApp({ db: s.db, limits: { inProgress: 1 } });
    extraApps.push(one);
    await one.listen({ host: '127.0.0.1', port: 0 });
    const at = `http://127.0.0.1:${(one.server.address() as { port: number }).port}`;
    const stream = await openSse(`${at}/api/v1/events?ticket=${await ticket(kiosk)}`);
    expect(stream.status).toBe(200);
    const next = await fetch(`${at}/api/v1/staff/listening`, { headers: kiosk.auth });
    expect(next.status).toBe(200);
    stream.close();
  });

  it('a stream served by one server hears what another server on the same database applied (LISTEN/NOTIFY)', async () => {
    const other = await buildApp({ db: s.db });
    extraApps.push(other);
    await other.listen({ host: '127.0.0.1', port: 0 });
    const otherBase = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
    const staff = await stream(tablet, session, '', {}, otherBase);
    await s.push(kiosk, [requested(kiosk)]); // applied through the first server
    expect((await staff.next('assistance.requested')).data).toMatchObject({ kiosk: kiosk.deviceCode });
    staff.close();
  });
});

describe('stopping the server', () => {
  it('ends open streams instead of waiting for devices to hang up', async () => {
    const staff = await stream(tablet, session);
    await s.push(kiosk, [requested(kiosk)]);
    await staff.next('assistance.requested');
    const started = Date.now();
    await s.app.close();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('assistance kinds, exactly once', () => {

  it('50 concurrent copies of a call for help apply once and announce it once; replay ×3 of an accept changes nothing', async () => {
    const call = requested(kiosk);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [call])));
    const statuses = all.map((r) => results(r)[0]!.status);
    expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(49);
    expect(await eventCount('assistance.requested')).toBe(1);
    const accept = accepted(tablet, call.payload.requestId as string, session);
    for (let i = 0; i < 3; i++) expect(results(await s.push(tablet, [accept]))[0]!.status).toBe(i === 0 ? 'applied' : 'duplicate');
    expect(await eventCount('assistance.accepted')).toBe(2); // one for the kiosk, one for the tablets
  });

  it('rejects a request id used twice, an unknown request, another branch’s, and a kiosk or a stale session accepting', async () => {
    const call = requested(kiosk);
    const reuse = requested(kiosk, call.payload.requestId as string);
    expect(results(await s.push(kiosk, [call, reuse])).map((r) => r.reason ?? r.status)).toEqual(['applied', 'request-exists']);
    await s.addBranch('SPB1');
    const spbTablet = await s.enroll('SPB1', 'tablet');
    await s.services.staff.add({ branchCode: 'SPB1', employeeNo: '2001', name: 'Анна Лебедева', role: 'associate', pin: '1111' });
    const anna = await signIn(spbTablet, '2001', '1111');
    expect(results(await s.push(spbTablet, [accepted(spbTablet, call.payload.requestId as string, anna)]))[0]!.reason).toBe('other-branch');
    expect(results(await s.push(tablet, [accepted(tablet, randomUUID(), session)]))[0]!.reason).toBe('unknown-request');
    expect(results(await s.push(kiosk, [accepted(kiosk, call.payload.requestId as string, session)]))[0]!.reason).toBe('role-forbidden');
    await s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: staffHeaders(tablet, session) });
    const late = { ...accepted(tablet, call.payload.requestId as string, session), occurredAt: new Date(Date.now() + 3600_000).toISOString() };
    expect(results(await s.push(tablet, [late]))[0]!.reason).toBe('staff-session-invalid');
    expect(await eventCount('assistance.accepted')).toBe(0);
  });
});

describe('closing a call for help', () => {

  it('«Решено» closes it once for every tablet and tells the kiosk that called; the visit that called can cancel it, no other kiosk can', async () => {
    const staff = await stream(tablet, session);
    const caller = await stream(kiosk);
    const other = await stream(otherKiosk);
    const helped = requested(kiosk);
    const walkedAway = requested(kiosk);
    await s.push(kiosk, [helped, walkedAway]);
    await s.push(tablet, [accepted(tablet, helped.payload.requestId as string, session)]);
    const resolve = tx(tablet, 'assistance.resolved', { requestId: helped.payload.requestId, staffSessionId: session.sessionId });
    const copies = await Promise.all(Array.from({ length: 50 }, () => s.push(tablet, [resolve])));
    expect(copies.map((r) => results(r)[0]!.status).filter((x) => x === 'applied')).toHaveLength(1);
    expect((await staff.next('assistance.closed')).data).toMatchObject({ requestId: helped.payload.requestId, how: 'resolved' });
    // The kiosk that called hears it (and leaves «К вам идёт …»); another kiosk does not.
    expect((await caller.next('assistance.closed')).data).toMatchObject({ requestId: helped.payload.requestId, how: 'resolved' });
    expect(results(await s.push(tablet, [tx(tablet, 'assistance.resolved', { requestId: helped.payload.requestId, staffSessionId: session.sessionId })]))[0]!.reason).toBe('request-closed');

    expect(results(await s.push(otherKiosk, [tx(otherKiosk, 'assistance.cancelled', { requestId: walkedAway.payload.requestId })]))[0]!.reason).toBe('unknown-request');
    const cancel = tx(kiosk, 'assistance.cancelled', { requestId: walkedAway.payload.requestId });
    for (let i = 0; i < 3; i++) expect(results(await s.push(kiosk, [cancel]))[0]!.status).toBe(i === 0 ? 'applied' : 'duplicate');
    expect((await staff.next('assistance.closed')).data).toMatchObject({ requestId: walkedAway.payload.requestId, how: 'cancelled' });
    // staff + the caller for «Решено»; staff only for the kiosk's own cancel
    expect(await eventCount('assistance.closed')).toBe(3);
    expect(results(await s.push(tablet, [accepted(tablet, walkedAway.payload.requestId as string, session)]))[0]!.reason).toBe('request-closed');
    // The visit that was helped ends after staff resolved its call: done, no error, no event.
    expect(results(await s.push(kiosk, [tx(kiosk, 'assistance.cancelled', { requestId: helped.payload.requestId })]))[0]!.status).toBe('applied');
    expect(await eventCount('assistance.closed')).toBe(3);
    expect(caller.events.filter((e) => e.name === 'assistance.closed')).toHaveLength(1);
    expect(other.events).toEqual([]);
    for (const c of [staff, caller, other]) c.close();
  });
});

describe('where the kiosk stands', () => {
  it('a kiosk enrolled with its place: the tablets hear it with every call and every wait', async () => {
    const { code: enrolCode } = await s.services.enrollment.createCode({ branchCode: 'MSK1', place: 'у входа' });
    const res = await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code: enrolCode } });
    const body = res.json() as { token: string; deviceCode: string };
    const placed: TestDevice = { ...(body as TestDevice), auth: { authorization: `Bearer ${body.token}` }, nextSeq: 1, receiptCounter: 1 };
    const staff = await stream(tablet, session);
    const order = await s.putOrder('MSK1');
    expect(results(await s.push(placed, [requested(placed), tx(placed, 'pickup.waiting', { orderCode: order })])).map((r) => r.status)).toEqual(['applied', 'applied']);
    expect((await staff.next('assistance.requested')).data).toMatchObject({ kiosk: body.deviceCode, place: 'у входа' });
    expect((await staff.next('pickup.waiting')).data).toMatchObject({ kiosk: body.deviceCode, place: 'у входа' });
    // One enrolled without a place says none.
    expect(results(await s.push(kiosk, [requested(kiosk)]))[0]!.status).toBe('applied');
    expect((await staff.next('assistance.requested')).data).toMatchObject({ kiosk: kiosk.deviceCode, place: null });
    staff.close();
  });
});

describe('where a fresh device starts', () => {
  it('a ticket names the last event from before the branch’s day began: a tablet signing in replays today, not every day', async () => {
    const issue = async () => (await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: staffHeaders(tablet, session) })).json() as EventTicket;
    expect((await issue()).todayFrom).toBe(0);
    for (let i = 0; i < 3; i++) expect(results(await s.push(kiosk, [requested(kiosk)]))[0]!.status).toBe('applied');
    expect((await issue()).todayFrom).toBe(0); // all of today
    // The first two were yesterday's, in the branch's zone (Moscow).
    await s.db.query("UPDATE events SET created_at = date_trunc('day', now() AT TIME ZONE 'Europe/Moscow') AT TIME ZONE 'Europe/Moscow' - interval '1 minute' WHERE id <= 2");
    const { todayFrom, ticket: fresh } = await issue();
    expect(todayFrom).toBe(2);
    const replay = await openSse(`${base}/api/v1/events?ticket=${fresh}&since=${todayFrom}`);
    expect((await replay.next('assistance.requested')).id).toBe(3);
    replay.close();
  });
});

describe('the pickup counter', () => {

  it('a waiting customer: tablets hear which order from which shelf to which kiosk; payment and the goods reach that kiosk', async () => {
    const code = await s.putOrder('MSK1', { paid: false, shelf: 'B4' });
    const staff = await stream(tablet, session);
    const mine = await stream(kiosk);
    const theirs = await stream(otherKiosk);
    const waiting = tx(kiosk, 'pickup.waiting', { orderCode: code });
    const copies = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [waiting])));
    expect(copies.map((r) => results(r)[0]!.status).filter((x) => x === 'applied')).toHaveLength(1);
    expect((await staff.next('pickup.waiting')).data).toMatchObject({ orderCode: code, shelf: 'B4', kiosk: kiosk.deviceCode, paid: false, totalKopecks: 199_000 });
    expect(await eventCount('pickup.waiting')).toBe(1);

    const paid = tx(tablet, 'order.paid', { orderCode: code, payment: { method: 'cash', amountKopecks: 199_000, tenderedKopecks: 200_000, changeKopecks: 1_000 }, staffSessionId: session.sessionId });
    expect(results(await s.push(tablet, [paid]))[0]!.status).toBe('applied');
    expect((await mine.next('order.paid')).data).toMatchObject({ orderCode: code });

    const brought = tx(tablet, 'pickup.brought', { orderCode: code, staffSessionId: session.sessionId });
    for (let i = 0; i < 3; i++) expect(results(await s.push(tablet, [brought]))[0]!.status).toBe(i === 0 ? 'applied' : 'duplicate');
    expect((await mine.next('pickup.brought')).data).toMatchObject({ orderCode: code, staffFirstName: 'Ольга', paid: true });
    expect((await staff.next('pickup.brought')).data).toMatchObject({ orderCode: code, by: 'Ольга Сергеевна Иванова', kiosk: kiosk.deviceCode });
    expect(await eventCount('pickup.brought')).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(theirs.events.filter((e) => e.name !== 'pull.now')).toEqual([]); // told to pull (the order was put), nothing of this wait
    for (const c of [staff, mine, theirs]) c.close();
  });

  it('rejects: bringing what nobody waits for or brought already, waiting for an unknown order, a kiosk bringing goods', async () => {
    const [waited, nobody] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    expect(results(await s.push(kiosk, [tx(kiosk, 'pickup.waiting', { orderCode: waited }), tx(kiosk, 'pickup.waiting', { orderCode: '00000000' })]))
      .map((r) => r.reason ?? r.status)).toEqual(['applied', 'unknown-order']);
    const bring = (orderCode: string) => tx(tablet, 'pickup.brought', { orderCode, staffSessionId: session.sessionId });
    expect(results(await s.push(tablet, [bring(nobody), bring(waited), bring(waited)])).map((r) => r.reason ?? r.status)).toEqual(['not-waiting', 'applied', 'not-waiting']);
    expect(results(await s.push(kiosk, [tx(kiosk, 'pickup.brought', { orderCode: waited, staffSessionId: session.sessionId })]))[0]!.reason).toBe('role-forbidden');
  });

  it('a wait queued offline that arrives after the order was settled (handed over at the desk, cancelled by the shop) is simply done: the kiosk hears it and leaves the order; nothing for staff, once (replay ×3)', async () => {
    const [handed, cancelled] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    expect(results(await s.push(tablet, [tx(tablet, 'order.pickedUp', { orderCode: handed, receiptNumber: `${tablet.deviceCode}-000001`, verifiedBy: 'staff', staffSessionId: session.sessionId })]))[0]!.status).toBe('applied');
    await s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${cancelled}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', customerName: 'Иван Петрович Петров', phone: '+7 916 123-45-67', items: [{ sku: 'SKU-1', name: 'Чайник электрический', quantity: 1, priceKopecks: 199_000 }], paid: true, shelf: 'B4', status: 'cancelled' } });
    const mine = await stream(kiosk);
    const staff = await stream(tablet, session);
    const late = [tx(kiosk, 'pickup.waiting', { orderCode: handed }), tx(kiosk, 'pickup.waiting', { orderCode: cancelled })];
    for (let i = 0; i < 3; i++) expect(results(await s.push(kiosk, late)).map((r) => r.status)).toEqual(i === 0 ? ['applied', 'applied'] : ['duplicate', 'duplicate']);
    expect((await mine.next('pickup.closed')).data).toMatchObject({ orderCode: handed, how: 'picked-up' });
    expect((await mine.next('pickup.closed')).data).toMatchObject({ orderCode: cancelled, how: 'dismissed' });
    expect(await eventCount('pickup.closed')).toBe(2);
    expect((await s.db.query('SELECT 1 FROM pickup_waits WHERE order_code = ANY($1)', [[handed, cancelled]])).rows).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(staff.events.filter((e) => e.name === 'pickup.waiting' || e.name === 'transaction.rejected')).toEqual([]);
    for (const c of [mine, staff]) c.close();
  });

  it('six tablets bringing the same order at once: one brings it, the others are told nobody waits for it any more', async () => {
    const code = await s.putOrder('MSK1');
    expect(results(await s.push(kiosk, [tx(kiosk, 'pickup.waiting', { orderCode: code })]))[0]!.status).toBe('applied');
    const tablets = await Promise.all(Array.from({ length: 6 }, () => s.enroll('MSK1', 'tablet')));
    const sessions = await Promise.all(tablets.map((t) => signIn(t, '1002', '1357')));
    const pushes = await Promise.all(tablets.map((t, i) => s.push(t, [tx(t, 'pickup.brought', { orderCode: code, staffSessionId: sessions[i]!.sessionId })])));
    expect(pushes.map((r) => results(r)[0]!.reason ?? results(r)[0]!.status).sort()).toEqual(['applied', ...Array<string>(5).fill('not-waiting')]);
    expect(await eventCount('pickup.brought')).toBe(2); // to the kiosk and to the tablets, once
  });

  it('a customer who leaves the kiosk ends the wait once; the tablets drop it; leaving after the handover is simply done; staff can take a wait off the list, and the kiosk hears it', async () => {
    await s.addBranch('SPB1');
    const [left, stays, elsewhere] = [await s.putOrder('MSK1'), await s.putOrder('MSK1'), await s.putOrder('SPB1')];
    const staff = await stream(tablet, session);
    const mine = await stream(kiosk);
    expect(results(await s.push(kiosk, [tx(kiosk, 'pickup.waiting', { orderCode: left }), tx(kiosk, 'pickup.waiting', { orderCode: stays })])).map((r) => r.status)).toEqual(['applied', 'applied']);
    const leaving = tx(kiosk, 'pickup.left', { orderCode: left });
    const copies = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [leaving])));
    expect(copies.map((r) => results(r)[0]!.status).sort()).toEqual(['applied', ...Array<string>(49).fill('duplicate')]);
    for (let i = 0; i < 3; i++) expect(results(await s.push(kiosk, [leaving]))[0]!.status).toBe('duplicate');
    expect((await staff.next('pickup.closed')).data).toMatchObject({ orderCode: left, how: 'left', kiosk: kiosk.deviceCode });
    expect(await eventCount('pickup.closed')).toBe(1);
    // Nobody waits for it any more: staff cannot bring it.
    expect(results(await s.push(tablet, [tx(tablet, 'pickup.brought', { orderCode: left, staffSessionId: session.sessionId })]))[0]!.reason).toBe('not-waiting');
    // Another kiosk cannot end this kiosk's wait; a second leave, an unknown order, another branch's, a tablet:
    const outcomes = [
      results(await s.push(otherKiosk, [tx(otherKiosk, 'pickup.left', { orderCode: stays })]))[0],
      results(await s.push(kiosk, [tx(kiosk, 'pickup.left', { orderCode: left })]))[0],
      results(await s.push(kiosk, [tx(kiosk, 'pickup.left', { orderCode: '00000000' })]))[0],
      results(await s.push(kiosk, [tx(kiosk, 'pickup.left', { orderCode: elsewhere })]))[0],
      results(await s.push(tablet, [tx(tablet, 'pickup.left', { orderCode: stays })]))[0],
    ];
    expect(outcomes.map((r) => r!.reason ?? r!.status)).toEqual(['applied', 'applied', 'unknown-order', 'other-branch', 'staff-session-invalid']);
    expect(await eventCount('pickup.closed')).toBe(1);
    expect(results(await s.push(tablet, [tx(tablet, 'pickup.brought', { orderCode: stays, staffSessionId: session.sessionId })]))[0]!.status).toBe('applied');
    // A kiosk that stopped mid-visit never ends its wait: staff take it off the list, with their session.
    const dismiss = tx(tablet, 'pickup.left', { orderCode: stays, staffSessionId: session.sessionId });
    for (let i = 0; i < 3; i++) expect(results(await s.push(tablet, [dismiss]))[0]!.status).toBe(i === 0 ? 'applied' : 'duplicate');
    expect((await staff.next('pickup.closed')).data).toMatchObject({ orderCode: stays, how: 'dismissed', kiosk: kiosk.deviceCode });
    // The kiosk where the customer waits hears it once (and never of its own customer leaving).
    expect((await mine.next('pickup.closed')).data).toMatchObject({ orderCode: stays, how: 'dismissed' });
    expect(await eventCount('pickup.closed')).toBe(3);
    expect(mine.events.filter((e) => e.name === 'pickup.closed')).toHaveLength(1);
    staff.close();
    mine.close();
  });

  it('a staff handover on a tablet ends the wait: the tablets drop it and the waiting kiosk hears it; it needs the ID check of a signed-in staff member', async () => {
    const [code, other] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const staff = await stream(tablet, session);
    const mine = await stream(kiosk);
    expect(results(await s.push(kiosk, [tx(kiosk, 'pickup.waiting', { orderCode: code })]))[0]!.status).toBe('applied');
    const byStaff = (orderCode: string, payload: Record<string, unknown> = { verifiedBy: 'staff', staffSessionId: session.sessionId }) => {
      const base = s.pickup(tablet, orderCode);
      return { ...base, payload: { ...base.payload, ...payload } } as TransactionEnvelope;
    };
    const rejected = [
      results(await s.push(tablet, [byStaff(code, { verifiedBy: 'qr' })]))[0],
      results(await s.push(tablet, [byStaff(code, { verifiedBy: 'staff' })]))[0],
      results(await s.push(tablet, [byStaff(code, { verifiedBy: 'staff', staffSessionId: randomUUID() })]))[0],
      results(await s.push(kiosk, [{ ...s.pickup(kiosk, other), payload: { ...s.pickup(kiosk, other).payload, verifiedBy: 'staff', staffSessionId: session.sessionId } } as TransactionEnvelope]))[0],
    ];
    expect(rejected.map((r) => r!.reason)).toEqual(['staff-session-invalid', 'invalid-payload', 'staff-session-invalid', 'staff-session-invalid']);
    const handover = byStaff(code);
    for (let i = 0; i < 3; i++) expect(results(await s.push(tablet, [handover]))[0]!.status).toBe(i === 0 ? 'applied' : 'duplicate');
    expect(await s.orderStatus(code)).toBe('picked_up');
    expect((await staff.next('pickup.closed')).data).toMatchObject({ orderCode: code, how: 'picked-up', kiosk: kiosk.deviceCode });
    expect((await mine.next('pickup.closed')).data).toMatchObject({ orderCode: code, how: 'picked-up' });
    expect(await eventCount('pickup.closed')).toBe(2);
    // The customer then ends the visit at the kiosk: nothing to undo, no error.
    expect(results(await s.push(kiosk, [tx(kiosk, 'pickup.left', { orderCode: code })]))[0]!.status).toBe('applied');
    expect(await eventCount('pickup.closed')).toBe(2);
    for (const c of [staff, mine]) c.close();
  });
});

describe('who can hear a kiosk’s call', () => {
  const listening = async (device: TestDevice = kiosk) => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/staff/listening', headers: device.auth });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { listening: number }).listening;
  };

  it('a signed-in staff member whose tablet holds its stream, or polls, hears it; signed in without either, or signed out, nobody does', async () => {
    // Signed in (beforeEach), but the tablet holds no stream yet: nobody can hear a call.
    expect(await listening()).toBe(0);
    const staff = await stream(tablet, session);
    await eventually(async () => (await listening()) === 1, 'the stream to mark its staff member heard');
    // A second staff member polling on another tablet counts too; the same one twice counts once.
    const second = await s.enroll('MSK1', 'tablet');
    const dmitry = await signIn(second, '1002', '1357');
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/events/poll?since=0', headers: staffHeaders(second, dmitry) })).statusCode).toBe(200);
    expect(await listening()).toBe(2);
    expect(await listening(tablet)).toBe(2);
    // Another branch's kiosk hears of nobody here.
    await s.addBranch('SPB1');
    expect(await listening(await s.enroll('SPB1'))).toBe(0);
    // Signed out: no longer counted, whatever its stream did a moment ago.
    await s.app.inject({ method: 'DELETE', url: '/api/v1/staff/sessions/current', headers: staffHeaders(second, dmitry) });
    expect(await listening()).toBe(1);
    staff.close();
    // A stream heard more than 45 s ago (a tablet switched off) is nobody.
    await s.db.query("UPDATE staff_sessions SET heard_at = now() - interval '46 seconds'");
    expect(await listening()).toBe(0);
  });

  it('a locked tablet still hears (it shows and rings the calls); an expired session does not', async () => {
    const staff = await stream(tablet, session);
    await eventually(async () => (await listening()) === 1, 'the stream to mark its staff member heard');
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/staff/sessions/current/lock', headers: staffHeaders(tablet, session) })).statusCode).toBe(200);
    expect(await listening()).toBe(1);
    await s.db.query("UPDATE staff_sessions SET expires_at = now() - interval '1 second'");
    expect(await listening()).toBe(0);
    staff.close();
  });
});

describe('changes reach the kiosks at once', () => {
  it('an order the shop changes, a card issued or fed by the back office, a card issued or forgotten at the tablet: every kiosk of the branch is told to pull now; tablets and another branch are not', async () => {
    await s.addBranch('SPB1');
    const far = await s.enroll('SPB1');
    const [mine, theirs, elsewhere, staff] = [await stream(kiosk), await stream(otherKiosk), await stream(far), await stream(tablet, session)];
    const pullNow = (c: Awaited<ReturnType<typeof stream>>) => c.events.filter((e) => e.name === 'pull.now').map((e) => (e.data as { what: string }).what);
    const both = async (what: string[]) => {
      await eventually(async () => pullNow(mine).length === what.length && pullNow(theirs).length === what.length, `both kiosks to hear ${what.join(', ')}`, 5_000);
      expect(pullNow(mine)).toEqual(what);
      expect(pullNow(theirs)).toEqual(what);
    };
    // The shop cancels an order.
    const code = await s.putOrder('MSK1');
    await both(['orders']);
    expect((await s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', customerName: 'Иван Петрович Петров', phone: '+7 916 123-45-67', items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199_000 }], paid: true, status: 'cancelled' } })).statusCode).toBeLessThan(300);
    await both(['orders', 'orders']);
    // The back office issues a card and feeds its book.
    const card = (n: number) => { const first = `29910000${String(n).padStart(4, '0')}`; return `${first}${ean13CheckDigit(first)}`; };
    expect((await s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${card(1)}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', shortName: 'Иван П.', scanSecret: 'K7M2Q9XW4P3RT6YA' } })).statusCode).toBe(201);
    await both(['orders', 'orders', 'passbooks']);
    // The tablet issues a card, and «Забыть меня» for the first one.
    const issued = tx(tablet, 'customer.enrolled', { customerId: randomUUID(), cardNumber: card(2), secretHash: 'a'.repeat(64), shortName: 'Пётр С.', ledgerConsent: { at: new Date().toISOString(), version: '2026-11' }, staffSessionId: session.sessionId });
    const forgotten = tx(tablet, 'customer.preferences', { cardNumber: card(1), preferences: null, consent: null, staffSessionId: session.sessionId });
    expect(results(await s.push(tablet, [issued])).map((r) => r.status)).toEqual(['applied']);
    await both(['orders', 'orders', 'passbooks', 'passbooks']);
    expect(results(await s.push(tablet, [forgotten])).map((r) => r.status)).toEqual(['applied']);
    await both(['orders', 'orders', 'passbooks', 'passbooks', 'passbooks']);
    // Replayed, nothing new happens and nobody is told again.
    for (let i = 0; i < 3; i++) expect(results(await s.push(tablet, [issued, forgotten])).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    await new Promise((r) => setTimeout(r, 300));
    expect(pullNow(mine)).toHaveLength(5);
    expect(pullNow(elsewhere)).toEqual([]);
    expect(pullNow(staff)).toEqual([]);
    for (const c of [mine, theirs, elsewhere, staff]) c.close();
  });
});
