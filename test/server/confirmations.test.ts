import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfirmationService } from '../../server/services/confirmation-service';
import type { EventTicket, StaffSession } from '../../shared/protocol';
import { openSse } from './support/sse';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/** A tablet's cart shown on one kiosk; the customer's answer back to the tablets, once. */
let s: TestServer;
let base: string;
let tablet: TestDevice;
let kioskA: TestDevice;
let kioskB: TestDevice;
let session: StaffSession;

beforeEach(async () => {
  s = await createTestServer();
  await s.addBranch('MSK1');
  await s.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(s.app.server.address() as { port: number }).port}`;
  const { code } = await s.services.enrollment.createCode({ branchCode: 'MSK1', place: 'у входа' });
  const enrolled = (await s.app.inject({ method: 'POST', url: '/api/v1/devices/enroll', payload: { code } })).json() as TestDevice;
  kioskA = { ...enrolled, auth: { authorization: `Bearer ${enrolled.token}` }, nextSeq: 1, receiptCounter: 1 };
  kioskB = await s.enroll('MSK1');
  tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1002', name: 'Дмитрий Андреевич Орлов', role: 'associate', pin: '1357' });
  session = (await s.signIn(tablet, '1002', '1357'));
});
afterEach(() => s.close());

const staffHeaders = () => ({ ...tablet.auth, 'x-staff-session': session.sessionToken });
async function stream(device: TestDevice, staff = false) {
  const res = await s.app.inject({ method: 'POST', url: '/api/v1/events/ticket', headers: staff ? staffHeaders() : device.auth });
  return openSse(`${base}/api/v1/events?ticket=${(res.json() as EventTicket).ticket}`);
}
const cart = (kiosk: string, confirmationId: string = randomUUID()) => ({
  confirmationId, kiosk, lang: 'ru', totalKopecks: 398_000, lines: [{ name: 'Чайник электрический', qty: 2, priceKopecks: 199_000 }],
});
const send = (body: object) => s.app.inject({ method: 'POST', url: '/api/v1/confirmations', headers: staffHeaders(), payload: body });
const answer = (kiosk: TestDevice, id: string, value: string) => s.app.inject({ method: 'POST', url: `/api/v1/confirmations/${id}/answer`, headers: kiosk.auth, payload: { answer: value } });

describe('a cart shown on a kiosk', () => {
  it('lists the branch’s kiosks with their place for the tablet; a kiosk may not', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/devices/kiosks', headers: staffHeaders() });
    expect(res.json()).toEqual({ kiosks: [{ code: kioskA.deviceCode, place: 'у входа' }, { code: kioskB.deviceCode, place: null }] });
    expect((await s.app.inject({ method: 'GET', url: '/api/v1/devices/kiosks', headers: kioskA.auth })).statusCode).toBe(403);
  });

  it('reaches that kiosk only; its answer reaches the tablets once; nobody else answers it', async () => {
    const [a, b, staff] = [await stream(kioskA), await stream(kioskB), await stream(tablet, true)];
    const body = cart(kioskA.deviceCode);
    const sent = await send(body);
    expect(sent.statusCode).toBe(201);
    expect((await a.next('cart.confirm')).data).toMatchObject({ confirmationId: body.confirmationId, lang: 'ru', lines: body.lines, totalKopecks: 398_000 });
    expect((await send(body)).json()).toMatchObject({ error: 'confirmation-exists' });
    const open = (kiosk: TestDevice) => s.app.inject({ method: 'GET', url: `/api/v1/confirmations/${body.confirmationId}`, headers: kiosk.auth });
    expect((await open(kioskA)).json()).toEqual({ confirmationId: body.confirmationId, open: true });
    expect((await open(kioskB)).statusCode).toBe(404);
    expect((await answer(kioskB, body.confirmationId, 'confirmed')).statusCode).toBe(404);
    expect((await answer(kioskA, body.confirmationId, 'confirmed')).json()).toEqual({ confirmationId: body.confirmationId, answer: 'confirmed' });
    expect((await staff.next('cart.answered')).data).toMatchObject({ confirmationId: body.confirmationId, answer: 'confirmed', kiosk: kioskA.deviceCode });
    expect((await open(kioskA)).json()).toEqual({ confirmationId: body.confirmationId, open: false }); // a reload will not show it again
    const again = await answer(kioskA, body.confirmationId, 'cancelled');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'confirmation-answered' });
    await new Promise((r) => setTimeout(r, 200));
    expect(b.events).toEqual([]);
    for (const c of [a, b, staff]) c.close();
  });

  it('refuses: an unknown kiosk, a tablet with nobody signed in, a malformed cart, a stale answer', async () => {
    expect((await send(cart('MSK1-K99'))).statusCode).toBe(404);
    expect((await s.app.inject({ method: 'POST', url: '/api/v1/confirmations', headers: tablet.auth, payload: cart(kioskA.deviceCode) })).statusCode).toBe(401);
    const bad = await send({ ...cart(kioskA.deviceCode), lines: [] });
    expect(bad.statusCode).toBe(400);
    // Ten minutes later the cart is stale: the customer's tap is refused, not taken as a sale.
    let clock = new Date();
    const service = createConfirmationService({ db: s.db, confirmations: s.services.repos.confirmations, devices: s.services.repos.devices, events: s.services.repos.events, now: () => clock });
    const branchId = (await s.db.query<{ id: string }>('SELECT branch_id AS id FROM devices WHERE id = $1', [tablet.deviceId])).rows[0]!.id;
    const id = randomUUID();
    const tabletDevice = { id: tablet.deviceId, branchId, branchCode: 'MSK1', code: tablet.deviceCode, role: 'tablet' as const, place: null };
    await service.send(tabletDevice, { id: session.sessionId } as never, cart(kioskA.deviceCode, id) as never);
    clock = new Date(clock.getTime() + 11 * 60_000);
    const kioskDevice = { ...tabletDevice, id: kioskA.deviceId, code: kioskA.deviceCode, role: 'kiosk' as const };
    await expect(service.answer(kioskDevice, id, { answer: 'confirmed' })).rejects.toMatchObject({ code: 'confirmation-expired' });
  });

  it('the confirmed sale’s paper goes to that kiosk once, only from the tablet that sent the cart, only once confirmed; the kiosk reports once', async () => {
    const [a, staff] = [await stream(kioskA), await stream(tablet, true)];
    const body = cart(kioskA.deviceCode);
    await send(body);
    const paper = { documents: [{ id: 'r1', type: 'receipt', lang: 'ru', copy: false, blocks: [{ kind: 'text', text: 'ТОВАРНЫЙ ЧЕК' }, { kind: 'cut' }] }] };
    const print = (headers: Record<string, string>) => s.app.inject({ method: 'POST', url: `/api/v1/confirmations/${body.confirmationId}/print`, headers, payload: paper });
    const printed = (kiosk: TestDevice, outcome: string) => s.app.inject({ method: 'POST', url: `/api/v1/confirmations/${body.confirmationId}/printed`, headers: kiosk.auth, payload: { outcome } });
    expect((await print(staffHeaders())).json()).toMatchObject({ error: 'confirmation-not-confirmed' });
    await answer(kioskA, body.confirmationId, 'confirmed');
    const otherTablet = await s.enroll('MSK1', 'tablet');
    const otherSession = (await s.signIn(otherTablet, '1002', '1357'));
    expect((await print({ ...otherTablet.auth, 'x-staff-session': otherSession.sessionToken })).statusCode).toBe(404);
    expect((await printed(kioskA, 'ok')).statusCode).toBe(404); // nothing was sent to print yet
    expect((await print(staffHeaders())).json()).toEqual({ confirmationId: body.confirmationId, sent: true });
    expect((await a.next('cart.print')).data).toMatchObject({ confirmationId: body.confirmationId, documents: paper.documents });
    expect((await print(staffHeaders())).json()).toMatchObject({ error: 'confirmation-printed' });
    expect((await printed(kioskB, 'ok')).statusCode).toBe(404);
    expect((await printed(kioskA, 'paper-out')).json()).toEqual({ confirmationId: body.confirmationId, outcome: 'paper-out' });
    expect((await staff.next('cart.printed')).data).toMatchObject({ confirmationId: body.confirmationId, outcome: 'paper-out', kiosk: kioskA.deviceCode });
    expect((await printed(kioskA, 'ok')).statusCode).toBe(409);
    for (const c of [a, staff]) c.close();
  });
});

