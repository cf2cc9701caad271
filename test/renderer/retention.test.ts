import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { purgeOld } from '../../renderer/sync/retention';
import type { Order } from '../../shared/protocol';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T12:00:00Z');
const order = (code: string, status: Order['status'], daysAgo: number): Order => ({
  code, status, customerShortName: 'Иван П.', phoneMasked: '+7 ••• •••-••-67', phoneLast4Hash: 'x', scanSecretHash: null,
  items: [], totalKopecks: 0, paid: true, shelf: null, source: null, updatedAt: new Date(NOW - daysAgo * DAY).toISOString(),
});

describe('what a kiosk keeps, and for how long', () => {
  it('purges picked-up orders and receipts older than the retention and acknowledged transactions older than a week; keeps ready orders, recent ones and everything queued', async () => {
    const db = new KioskDb('retention', { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.orders.bulkPut([order('00000001', 'picked_up', 31), order('00000002', 'picked_up', 29), order('00000003', 'ready', 90), order('00000004', 'cancelled', 90)]);
    const doc = { id: 'x', type: 'receipt' as const, lang: 'ru' as const, copy: false, blocks: [] };
    await db.receipts.bulkPut([{ number: 'MSK1-K01-000001', createdAt: NOW - 31 * DAY, document: doc, warranties: [] }, { number: 'MSK1-K01-000002', createdAt: NOW - 2 * DAY, document: doc, warranties: [] }]);
    await db.outbox.put({ id: 'q', seq: 1, kind: 'order.pickedUp', occurredAt: new Date(NOW - 40 * DAY).toISOString(), payload: {}, queuedAt: NOW - 40 * DAY } as never);
    // What the server acknowledged: kept a week (for a restore of the server), then gone.
    const settled = (id: string, daysAgo: number) => ({ id, seq: Number(id), kind: 'order.pickedUp', occurredAt: '', payload: {}, queuedAt: 0, settledAt: NOW - daysAgo * DAY }) as never;
    await db.settled.bulkPut([settled('10', 8), settled('11', 2)]);
    expect(await purgeOld(db, 30, NOW)).toEqual({ orders: 1, receipts: 1, settled: 1 });
    expect((await db.settled.toArray()).map((r) => r.id)).toEqual(['11']);
    expect((await db.orders.toArray()).map((o) => o.code).sort()).toEqual(['00000002', '00000003', '00000004']);
    expect((await db.receipts.toArray()).map((r) => r.number)).toEqual(['MSK1-K01-000002']);
    expect(await db.outbox.count()).toBe(1);
    expect(await purgeOld(db, 1, NOW)).toEqual({ orders: 1, receipts: 1, settled: 0 });
  });
});
