import { pendingKeyText, touchedBy, type PullResponse } from '../../shared/protocol';
import type { KioskDb } from '../db/kiosk-db';

/**
 * What the queued transactions keep pending, as `order:47110004` strings: each kind's
 * descriptor says what it touches (shared/protocol/transactions/); no payload field is
 * read here.
 */
export async function pendingKeys(db: KioskDb): Promise<Set<string>> {
  const keys = new Set<string>();
  await db.outbox.each((row) => {
    for (const k of touchedBy(row)) keys.add(pendingKeyText(k.entity, k.key));
  });
  return keys;
}

/**
 * Stores one page of pulled changes and the cursor after it, in one transaction. A pull
 * never overwrites a change still in the outbox: such an order keeps its local state
 * until the server has the transaction, and the server's own change to it arrives in a
 * later pull (or is re-read when the transaction is rejected).
 */
export async function applyPullPage(db: KioskDb, page: PullResponse, now: number): Promise<void> {
  await db.transaction('rw', [db.orders, db.products, db.outbox, db.settings], async () => {
    const pending = await pendingKeys(db);
    await db.orders.bulkPut(page.changes.orders.filter((o) => !pending.has(pendingKeyText('order', o.code))));
    await db.products.bulkPut(page.changes.products);
    await db.putSetting('pullCursor', page.cursor);
    await db.putSetting('branch', page.branch);
    await db.putSetting('lastSyncAt', now);
  });
}
