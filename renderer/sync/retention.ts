import type { KioskDb } from '../db/kiosk-db';

/**
 * What a device keeps of finished business, and for how long (the server's
 * OKNO_KIOSK_RETENTION_DAYS, sent with every pull): picked-up orders (the customer's short
 * name, the masked phone) and the paper of handovers and sales older than that go. A
 * passbook's printed lines are already gone (a holding keeps only what is not on paper);
 * nothing queued is touched: the outbox is not purged, ever. Transactions the server
 * acknowledged go after `keepSettledDays` (the server's, 7 by default: restore.ts).
 */
export async function purgeOld(db: KioskDb, retentionDays: number, now: number, keepSettledDays = 7): Promise<{ orders: number; receipts: number; settled: number }> {
  const before = now - retentionDays * 86_400_000;
  return db.transaction('rw', [db.orders, db.receipts, db.settled], async () => {
    const orders = await db.orders.where('status').equals('picked_up').filter((o) => Date.parse(o.updatedAt) < before).delete();
    const receipts = await db.receipts.where('createdAt').below(before).delete();
    const settled = await db.settled.where('settledAt').below(now - keepSettledDays * 86_400_000).delete();
    return { orders, receipts, settled };
  });
}
