import type { PullResponse } from '../../shared/protocol';
import { pendingKeyText, type PendingKey } from '../../shared/protocol/transactions/kind';
import type { KioskDb, OutboxRow } from '../db/kiosk-db';
import { loadKinds } from './kinds';

/** What a queued transaction keeps pending: its kind's descriptor says (shared/protocol/transactions/). */
export type TouchedBy = (row: OutboxRow) => PendingKey[];

/**
 * What the queued transactions keep pending, as `order:47110004` strings; no payload
 * field is read here. Runs inside the caller's transaction, so `touchedBy` is loaded
 * before it opens (an import inside a Dexie transaction would let it commit early).
 */
export async function pendingKeys(db: KioskDb, touchedBy: TouchedBy): Promise<Set<string>> {
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
  const { touchedBy } = await loadKinds();
  await db.transaction('rw', [db.orders, db.products, db.outbox, db.settings], async () => {
    const pending = await pendingKeys(db, touchedBy);
    await db.orders.bulkPut(page.changes.orders.filter((o) => !pending.has(pendingKeyText('order', o.code))));
    await db.products.bulkPut(page.changes.products);
    await db.putSetting('pullCursor', page.cursor);
    await db.putSetting('branch', page.branch);
    await db.putSetting('lastSyncAt', now);
  });
}
