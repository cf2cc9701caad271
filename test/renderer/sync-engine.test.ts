import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalChanges } from '../../renderer/db/local-changes';
import { ApiClient } from '../../renderer/sync/api-client';
import { recordPickup } from '../../renderer/db/pickup-repo';
import { eventually } from '../support/eventually';
import { SyncEngine } from '../../renderer/sync/sync-engine';
import { DEFERRED_RETRY_MS } from '../../renderer/sync/settle';
import { staffLineText } from '../../renderer/kiosk/print-problem';
import { messages } from '../../shared/i18n';
import type { OutboxRow } from '../../renderer/db/kiosk-db';
import { memoryLocks } from '../fakes/memory-locks';
import { kioskAgainstServer, type KioskHarness } from './support/kiosk-harness';

/**
 * The failure modes of ../shared/brief/sync.md that a kiosk can cause, each against the
 * real server: the Dexie store and engine run on fake-indexeddb, the server in-process.
 */
let k: KioskHarness;
beforeEach(async () => { k = await kioskAgainstServer(); });
afterEach(async () => { await k.close(); });

async function ordersReady(n: number): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < n; i++) codes.push(await k.s.putOrder('MSK1'));
  await k.syncUntilCached(codes);
  return codes;
}

describe('sync engine', () => {
  it('a failure of the device itself (a browser capability missing, a bug) is shown to staff with what failed, not as offline, and is retried', async () => {
    const [code] = await ordersReady(1);
    await k.pickUp(code!);
    // As on a page without WebCrypto: the round fails on the device, before any request.
    const broken = Object.assign(Object.create(k.api) as ApiClient, { push: () => Promise.reject(new TypeError("Cannot read properties of undefined (reading 'digest')")) });
    const engine = k.engine(k.db, undefined, broken);
    await expect(engine.syncOnce()).rejects.toThrow(TypeError);
    expect(engine.getStatus()).toMatchObject({ problem: 'device-error', problemDetail: expect.stringContaining('digest'), queued: 1 });
    expect(await k.db.outbox.count()).toBe(1);
    // Mended (the page opened over HTTPS), the same queue goes, and the problem clears.
    const mended = k.engine();
    await mended.syncOnce();
    expect(mended.getStatus()).toMatchObject({ problem: null, problemDetail: null, queued: 0 });
  });

  it('pulls the branch’s orders and the seller into the local store', async () => {
    const [code] = await ordersReady(1);
    expect((await k.db.orders.get(code!))?.status).toBe('ready');
    expect((await k.db.getSetting('branch'))?.code).toBe('MSK1');
  });

  it('mode 1: a response lost after the server committed is retried and counted once', async () => {
    const [code] = await ordersReady(1);
    await k.pickUp(code!);
    k.net.faults.dropResponses = 1;
    await expect(k.engine().syncOnce()).rejects.toThrow(/cannot reach the server/);
    expect(await k.db.outbox.count()).toBe(1); // not acknowledged, so still queued
    await k.engine().syncOnce();
    expect(await k.db.outbox.count()).toBe(0);
    expect(await k.serverTransactions()).toMatchObject([{ status: 'applied', seq: 1 }]);
    expect(await k.db.quarantine.count()).toBe(0);
  });

  it('mode 2: two windows draining one queue send each transaction once', async () => {
    const codes = await ordersReady(12);
    const second = k.openDb();
    const a = k.engine();
    const b = k.engine(second);
    const runs = [a.run(), b.run()];
    for (const [i, code] of codes.entries()) await k.pickUp(code, { onDb: i % 2 ? second : k.db });
    a.kick();
    b.kick();
    await eventually(async () => (await k.db.outbox.count()) === 0 && (await k.serverTransactions()).length === 12, 'the queue to drain');
    a.stop();
    b.stop();
    await Promise.all(runs);
    second.close();
    const pushed = k.net.log.filter((r) => r.path.endsWith('/sync/push')).flatMap((r) => JSON.parse(r.body!).transactions.map((t: { id: string }) => t.id));
    expect(new Set(pushed).size).toBe(12);
    expect(pushed).toHaveLength(12); // the Web Lock kept the second window from pushing the same rows
    expect((await k.serverTransactions()).map((t) => t.status)).toEqual(Array(12).fill('applied'));
  });

  it('mode 2 without the lock: the server still applies each transaction once', async () => {
    const codes = await ordersReady(10);
    for (const code of codes) await k.pickUp(code);
    const { memoryLocks } = await import('../fakes/memory-locks');
    await Promise.all([k.engine(k.db, memoryLocks()).syncOnce(), k.engine(k.openDb(), memoryLocks()).syncOnce()]);
    expect(await k.db.outbox.count()).toBe(0);
    expect(await k.db.quarantine.count()).toBe(0);
    expect(await k.serverTransactions()).toHaveLength(10);
  });

  it('mode 3: a pickup that fails half-way leaves no trace; committed ones survive a reopen', async () => {
    const [first, second] = await ordersReady(2);
    await k.pickUp(first!);
    // The next receipt number is already taken: the receipt insert fails after the order
    // update and the outbox insert in the same transaction, so all of it must roll back.
    const counters = (await k.db.getSetting('counters'))!;
    await k.db.receipts.add({ number: `MSK1-K01-${String(counters.receipt).padStart(6, '0')}`, createdAt: 0, document: { id: 'x', type: 'receipt', lang: 'ru', copy: false, blocks: [] }, warranties: [] });
    await expect(recordPickup(new LocalChanges(k.db), { code: second!, verifiedBy: 'qr', lang: 'ru', now: new Date() })).rejects.toThrow();
    expect((await k.db.orders.get(second!))?.status).toBe('ready');
    expect(await k.db.outbox.count()).toBe(1);
    expect(await k.db.getSetting('counters')).toEqual(counters);

    k.db.close();
    const reopened = k.openDb();
    expect(await reopened.outbox.count()).toBe(1);
    expect((await reopened.orders.get(first!))?.status).toBe('picked_up');
    reopened.close();
  });

  it('mode 4: a rejected transaction goes to quarantine and the rest of the queue goes on', async () => {
    const [a, b, c] = await ordersReady(3);
    await k.pickUp(a!);
    await k.pickUp(b!);
    await k.pickUp(c!);
    // The shop cancels order b while the kiosk still has its pickup queued.
    await k.s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${b}`, headers: k.s.adminAuth, payload: {
      branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+79161234567', paid: true, status: 'cancelled',
      items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 100 }],
    } });
    await k.engine().syncOnce();
    expect(await k.db.outbox.count()).toBe(0);
    const quarantined = await k.db.quarantine.toArray();
    expect(quarantined).toMatchObject([{ reason: 'order-cancelled', payload: { orderCode: b } }]);
    expect((await k.db.orders.get(b!))?.status).toBe('cancelled'); // refreshed from the server
    expect((await k.serverTransactions()).map((t) => t.status)).toEqual(['applied', 'rejected', 'applied']);
  });

  it('mode 4: a batch the server refuses whole (400) quarantines nothing; staff see why, and it goes once fixed', async () => {
    const codes = await ordersReady(4);
    for (const code of codes) await k.pickUp(code);
    const rows = await k.db.outbox.orderBy('seq').toArray();
    // One row the server cannot read makes the whole batch a 400: a protocol mismatch
    // between versions, not a verdict on any one row. (A row it can read but not take,
    // say an occurredAt that is no time, is rejected alone: server/services/sync/classify.ts.)
    await k.db.outbox.update(rows[2]!.id, { kind: 'order picked up' } as never);
    const engine = k.engine();
    await expect(engine.syncOnce()).rejects.toThrow(/transactions\.2\.kind/);
    expect(await k.db.quarantine.count()).toBe(0);
    expect(await k.db.outbox.count()).toBe(4);
    expect(engine.getStatus()).toMatchObject({ problem: 'batch-refused', queued: 4 });
    expect(await k.serverTransactions()).toHaveLength(0);
    // Retried (here by hand; the loop backs off) it stays queued until the mismatch is gone.
    await expect(engine.syncOnce()).rejects.toThrow();
    expect(await k.db.outbox.count()).toBe(4);
    await k.db.outbox.update(rows[2]!.id, { kind: rows[2]!.kind });
    await engine.syncOnce();
    expect(engine.getStatus()).toMatchObject({ problem: null, queued: 0, quarantined: 0 });
    expect(await k.serverTransactions()).toHaveLength(4);
  });

  it('halves a batch the server finds too large (413) and never quarantines for it', async () => {
    await k.close();
    k = await kioskAgainstServer({ bodyLimit: 1500 });
    const codes = await ordersReady(12);
    for (const code of codes) await k.pickUp(code);
    await k.engine().syncOnce();
    expect(await k.db.outbox.count()).toBe(0);
    expect(await k.db.quarantine.count()).toBe(0);
    expect((await k.serverTransactions()).map((t) => t.status)).toEqual(Array(12).fill('applied'));
    const sizes = k.net.log.filter((r) => r.path.endsWith('/sync/push')).map((r) => JSON.parse(r.body!).transactions.length);
    expect(sizes[0]).toBe(12);
    expect(sizes[1]).toBe(6);
    expect(Math.max(...sizes.slice(1))).toBeLessThan(12);
  });

  it('says a device that speaks no protocol version in common with the server needs an update (426), and one with a revoked token (401)', async () => {
    const [code] = await ordersReady(1);
    await k.pickUp(code!);
    const newer = new ApiClient('http://okno.test', (input, init) => k.net(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-okno-protocol': '99', 'x-okno-protocol-min': '99' } }));
    const engine = k.engine(k.db, undefined, newer);
    await expect(engine.syncOnce()).rejects.toThrow(/sync protocol 99.*server needs an update/);
    expect(engine.getStatus()).toMatchObject({ problem: 'needs-update', queued: 1 });
    await k.s.db.query('UPDATE devices SET token_hash = NULL');
    const revoked = k.engine();
    await expect(revoked.syncOnce()).rejects.toThrow(/enrol the device again/);
    expect(revoked.getStatus()).toMatchObject({ problem: 'unauthorised', unauthorised: true, queued: 1 });
    expect(await k.db.quarantine.count()).toBe(0);
  });

  it('a transaction of a kind the server does not know yet (the server a release behind) stays queued, marked for staff, and goes around the rest until it is tried again', async () => {
    const [code] = await ordersReady(1);
    // As a release ahead of this server would queue it: a row in its place in the queue, of a kind this release does not have.
    const queued = await new LocalChanges(k.db).run([], (change) => change.enqueue('pickup.waiting', { orderCode: code! }));
    const future = { ...queued, kind: 'loyalty.stamped', payload: { stamps: 2 } } as unknown as OutboxRow;
    await k.db.outbox.put(future);
    await k.pickUp(code!);
    const engine = k.engine();
    await engine.syncOnce();
    expect((await k.serverTransactions()).map((t) => t.status)).toEqual(['applied']);
    const [kept] = await k.db.outbox.toArray();
    expect(kept).toMatchObject({ id: future.id, kind: 'loyalty.stamped', waitingForServer: { retryAt: expect.any(Number) } });
    expect(await k.db.quarantine.count()).toBe(0);
    await engine.refreshCounts();
    expect(engine.getStatus()).toMatchObject({ queued: 1, waitingForServer: 1, quarantined: 0, problem: null });
    expect(staffLineText(messages('ru'), null, engine.getStatus())).toBe('Для сотрудника: 1 операция ждёт обновления сервера, ничего не потеряно');
    // The next rounds do not send it again at once; new work goes past it.
    const pushedIds = () => k.net.log.filter((r) => r.path.endsWith('/sync/push')).flatMap((r) => JSON.parse(r.body!).transactions.map((t: { id: string }) => t.id));
    const before = pushedIds().filter((id) => id === future.id).length;
    const [next] = await ordersReady(1);
    await k.pickUp(next!);
    await engine.syncOnce();
    expect(pushedIds().filter((id) => id === future.id)).toHaveLength(before);
    expect((await k.serverTransactions()).map((t) => t.status)).toEqual(['applied', 'applied']);
    // A quarter of an hour on, it is tried again (still deferred: kept, never quarantined).
    const later = new SyncEngine({ db: k.db, api: k.api, locks: memoryLocks(), random: () => 0.5, batchSize: 50, idleRoundMs: 20, now: () => Date.now() + DEFERRED_RETRY_MS + 1_000 });
    await later.syncOnce();
    expect(pushedIds().filter((id) => id === future.id)).toHaveLength(before + 1);
    expect(await k.db.outbox.count()).toBe(1);
    expect(await k.db.quarantine.count()).toBe(0);
  });

  it('mode 4: a rejected pickup re-reads its order even when the server is unreachable at first', async () => {
    const [code] = await ordersReady(1);
    await k.pickUp(code!);
    await k.s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: k.s.adminAuth, payload: {
      branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+79161234567', paid: true, status: 'cancelled',
      items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 100 }],
    } });
    // The pull brings the cancellation while the pickup is still queued: it is skipped
    // (mode 6), and the cursor moves past it.
    await k.pullUntilSeen(code!);
    expect((await k.db.orders.get(code!))?.status).toBe('picked_up');
    // Then the push is rejected while order look-ups fail: the order cannot be re-read yet.
    k.net.faults.offlinePaths = ['/api/v1/orders/'];
    await expect(k.engine().syncOnce()).resolves.toBeUndefined();
    expect(await k.db.quarantine.toArray()).toMatchObject([{ reason: 'order-cancelled', refreshed: false }]);
    expect((await k.db.orders.get(code!))?.status).toBe('picked_up'); // not re-read yet
    k.net.faults.offlinePaths = [];
    await k.engine().syncOnce();
    expect(await k.db.quarantine.toArray()).toMatchObject([{ reason: 'order-cancelled', refreshed: true }]);
    expect((await k.db.orders.get(code!))?.status).toBe('cancelled');
  });

  it('mode 5: going offline mid-sync strands nothing; a reloaded page drains the rest', async () => {
    const codes = await ordersReady(12);
    for (const code of codes) await k.pickUp(code);
    const small = k.engine();
    Object.assign(small, { batchSize: 5 });
    k.net.faults.failAfter = 1; // the first batch gets through, then the network drops
    await expect(small.syncOnce()).rejects.toThrow();
    expect(await k.db.outbox.count()).toBe(7);
    k.net.faults.offline = false;
    k.net.faults.failAfter = null;
    k.db.close();
    const reloaded = k.openDb();
    await k.engine(reloaded).syncOnce();
    expect(await reloaded.outbox.count()).toBe(0);
    expect((await k.serverTransactions()).map((t) => t.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    reloaded.close();
  });

  it('mode 6: a pull never overwrites an order whose pickup is still queued', async () => {
    const [code] = await ordersReady(1);
    await k.pickUp(code!);
    // The shop changes the order (a new shelf) while the pickup waits; pushes fail, pulls work.
    await k.s.putOrder('MSK1');
    await k.s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: k.s.adminAuth, payload: {
      branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+79161234567', paid: true, shelf: 'C7',
      items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 100 }],
    } });
    k.net.faults.offlinePaths = ['/sync/push'];
    await expect(k.engine().syncOnce()).rejects.toThrow();
    await k.pullUntilSeen(code!);
    expect((await k.db.orders.get(code!))?.status).toBe('picked_up');
    k.net.faults.offlinePaths = [];
    await k.engine().syncOnce();
    expect(await k.s.orderStatus(code!)).toBe('picked_up');
    expect((await k.db.orders.get(code!))?.status).toBe('picked_up');
  });

  it('mode 10: every push delivered three times leaves the state of one', async () => {
    const codes = await ordersReady(5);
    for (const code of codes) await k.pickUp(code);
    k.net.faults.repeat = 3;
    await k.engine().syncOnce();
    k.net.faults.repeat = 1;
    expect(await k.db.outbox.count()).toBe(0);
    expect(await k.serverTransactions()).toHaveLength(5);
    const { rows } = await k.s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM receipts');
    expect(rows[0]!.n).toBe(5);
    for (const code of codes) expect(await k.s.orderStatus(code)).toBe('picked_up');
  });

  it('a kiosk clock a day ahead or behind changes nothing: order is by seq, times are kept', async () => {
    const [a, b] = await ordersReady(2);
    const ahead = new Date(Date.now() + 86_400_000);
    const behind = new Date(Date.now() - 86_400_000);
    await k.pickUp(a!, { now: ahead });
    await k.pickUp(b!, { now: behind });
    await k.engine().syncOnce();
    const txs = await k.serverTransactions();
    expect(txs.map((t) => [t.seq, t.status])).toEqual([[1, 'applied'], [2, 'applied']]);
    expect(new Date(txs[0]!.occurredAt).toISOString()).toBe(ahead.toISOString());
    expect(new Date(txs[1]!.occurredAt).toISOString()).toBe(behind.toISOString());
  });

  it('a busy server\'s Retry-After is waited out (with a random part, so a chain\'s kiosks do not all come back in one second); the pickup goes after it', async () => {
    const [code] = await ordersReady(1);
    await k.pickUp(code!);
    const pushes: number[] = [];
    const busyOnce: typeof k.net = Object.assign(async (input: string, init?: RequestInit) => {
      if (!input.endsWith('/sync/push')) return k.net(input, init);
      pushes.push(Date.now());
      if (pushes.length > 1) return k.net(input, init);
      return new Response(JSON.stringify({ error: 'server-busy', message: 'the server is busy: nothing was changed, try again shortly' }), { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '2' } });
    }, { faults: k.net.faults, log: k.net.log });
    const engine = k.engine(k.db, undefined, new ApiClient('http://okno.test', busyOnce));
    const running = engine.run();
    // While it waits, the server is busy, not out of reach: staff are told so (OfflineBanner).
    await eventually(async () => pushes.length === 1 && engine.getStatus().serverBusy, 'the busy answer to be seen', 5_000);
    expect(engine.getStatus()).toMatchObject({ online: false, serverBusy: true, problem: null });
    await eventually(async () => (await k.serverTransactions()).length === 1, 'the pickup to go once the server is no longer busy', 10_000);
    await eventually(async () => !engine.getStatus().serverBusy, 'the busy state to end with the round', 5_000);
    engine.stop();
    await running;
    // Its own backoff after one failure is at most 1 s (0.5 s with this engine's draw); told 2 s, it waited 2–3 s.
    expect(pushes).toHaveLength(2);
    expect(pushes[1]! - pushes[0]!).toBeGreaterThanOrEqual(2_000);
    expect(await k.serverTransactions()).toHaveLength(1);
  });

  it('backs off while the server is down and syncs at once when kicked', async () => {
    const [code] = await ordersReady(1);
    k.net.faults.offline = true;
    const engine = k.engine();
    const running = engine.run();
    await k.pickUp(code!);
    engine.kick();
    // The status a staff member would read: offline, one pickup waiting.
    await eventually(async () => engine.getStatus().online === false && engine.getStatus().queued === 1, 'the engine to report offline with 1 queued');
    k.net.faults.offline = false;
    engine.kick();
    await eventually(async () => engine.getStatus().queued === 0 && engine.getStatus().online === true, 'the queue to drain');
    engine.stop();
    await running;
    expect(await k.serverTransactions()).toHaveLength(1);
  });
});
