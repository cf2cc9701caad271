import type { PullResponse } from '../../shared/protocol';
import type { KioskDb } from '../db/kiosk-db';

/** Order codes with a queued pickup: the local state of those orders is newer than the server's. */
export async function pendingOrderCodes(db: KioskDb): Promise<Set<string>> {
  const codes = new Set<string>();
  await db.outbox.each((row) => {
    const code = row.payload['orderCode'];
    if (typeof code === 'string') codes.add(code);
  });
  return codes;
}

/**
 * Stores one page of pulled changes and the cursor after it, in one transaction. A pull
 * never overwrites a change still in the outbox: such an order keeps its local state
 * until the server has the pickup, and the server's own change to it arrives in a later
 * pull (or is fetched when the pickup is rejected).
 */
export async function applyPullPage(db: KioskDb, page: PullResponse, now: number): Promise<void> {
  await db.transaction('rw', [db.orders, db.products, db.outbox, db.settings], async () => {
    const pending = await pendingOrderCodes(db);
    await db.orders.bulkPut(page.changes.orders.filter((o) => !pending.has(o.code)));
    await db.products.bulkPut(page.changes.products);
    await db.putSetting('pullCursor', page.cursor);
    await db.putSetting('branch', page.branch);
    await db.putSetting('lastSyncAt', now);
  });
}
