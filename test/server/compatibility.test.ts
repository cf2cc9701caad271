import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransactionEnvelope } from '../../shared/protocol';
import { APP_VERSION } from '../../shared/version';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';
import { pushResults as results } from './support/push-results';

/**
 * Issue 21, item 1: a device one release ahead of its server loses nothing. Fields this
 * server does not know are read past and kept; a kind it does not know is "deferred",
 * never refused; only a business refusal is final. On PGlite and PostgreSQL.
 */
let s: TestServer;
let kiosk: TestDevice;
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk());
});
afterEach(() => s.close());

const logged = async (id: string) => (await s.db.query<{ status: string; payload: Record<string, unknown> }>('SELECT status, payload FROM transactions WHERE id = $1', [id])).rows;

/** A handover as the next release might send it: a new field at the top and one inside. */
function newerPickup(code: string): TransactionEnvelope {
  const tx = s.pickup(kiosk, code);
  return { ...tx, payload: { ...tx.payload, handedOverBy: { badge: 'A7', note: 'new in 0.2' }, paperLang: 'ru' }, futureEnvelopeField: 1 } as TransactionEnvelope;
}

describe('a device one release ahead', () => {
  it('a payload with fields this server does not know is applied, its fields kept in the log; once (50 concurrent copies, replay ×3)', async () => {
    const code = await s.putOrder('MSK1');
    const tx = newerPickup(code);
    const copies = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [tx])));
    const statuses = copies.map((r) => results(r)[0]!.status);
    expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(49);
    for (let i = 0; i < 3; i++) expect(results(await s.push(kiosk, [tx]))[0]!.status).toBe('duplicate');
    expect(await s.orderStatus(code)).toBe('picked_up');
    const [row] = await logged(tx.id);
    expect(row!.payload).toMatchObject({ orderCode: code, handedOverBy: { badge: 'A7', note: 'new in 0.2' } });
  });

  it('a business refusal stays final, and a real fault is named before the unknown fields', async () => {
    const code = await s.putOrder('MSK1', { status: 'cancelled' });
    const cancelled = newerPickup(code);
    expect(results(await s.push(kiosk, [cancelled]))[0]).toMatchObject({ status: 'rejected', reason: 'order-cancelled' });
    const broken = s.pickup(kiosk, await s.putOrder('MSK1'));
    const bad = { ...broken, payload: { ...broken.payload, verifiedBy: 'telepathy', extra: true } };
    expect(results(await s.push(kiosk, [bad]))[0]).toMatchObject({ status: 'rejected', reason: 'invalid-payload', detail: expect.stringMatching(/^payload\.verifiedBy: /) });
  });

  it('a kind this server does not know is deferred: not refused, not logged, the rest of the batch applied; sent again it is deferred again, and applied once the server knows it', async () => {
    const code = await s.putOrder('MSK1');
    const future: TransactionEnvelope = { id: randomUUID(), seq: kiosk.nextSeq++, kind: 'loyalty.stamped', occurredAt: new Date().toISOString(), payload: { cardHash: 'ab'.repeat(32), stamps: 2 } };
    const pickup = s.pickup(kiosk, code);
    const res = await s.push(kiosk, [future, pickup]);
    expect(res.statusCode).toBe(200);
    expect(results(res)).toEqual([
      { id: future.id, status: 'deferred', reason: 'unsupported-kind', detail: 'this server does not know the kind "loyalty.stamped" yet: keep it and send it again after the server is updated' },
      { id: pickup.id, status: 'applied' },
    ]);
    expect(await logged(future.id)).toEqual([]);
    for (let i = 0; i < 3; i++) expect(results(await s.push(kiosk, [future]))[0]!.status).toBe('deferred');
    // No rejection for staff to resolve, nothing in the tablets' list of refusals.
    expect((await s.db.query("SELECT 1 FROM transactions WHERE status = 'rejected'")).rows).toEqual([]);
    expect((await s.db.query("SELECT 1 FROM events WHERE name = 'transaction.rejected'")).rows).toEqual([]);
    // The device sends it again after the update: a kind this release knows, under the same id and seq, applies once.
    const known = { ...future, kind: 'pickup.waiting', payload: { orderCode: await s.putOrder('MSK1') } };
    for (let i = 0; i < 3; i++) expect(results(await s.push(kiosk, [known]))[0]!.status).toBe(i === 0 ? 'applied' : 'duplicate');
  });

  it('a device’s own report with a field this server does not know is taken; an admin feed stays strict', async () => {
    const put = await s.app.inject({
      method: 'PUT', url: '/api/v1/devices/current/status', headers: kiosk.auth,
      payload: { queued: 0, oldestQueuedAt: null, quarantined: 0, printer: 'ok', appVersion: APP_VERSION, unprinted: [], syncProblem: null, speech: null, batteryPercent: 80 },
    });
    expect(put.statusCode, put.body).toBe(200);
    // The back office is not a device a release ahead: a field its feed does not take is a mistake to hear of.
    const feed = await s.app.inject({
      method: 'PUT', url: '/api/v1/admin/customers/4600000000008', headers: s.adminAuth, payload: { branchCode: 'MSK1', shortName: 'Иван П.', colour: 'red' },
    });
    expect(feed.statusCode).toBe(400);
    expect(feed.json().message).toMatch(/colour/);
  });
});
