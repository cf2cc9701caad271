import type { PullResponse } from '../../shared/protocol';
import { pendingKeyText, type PendingKey } from '../../shared/protocol/transactions/kind';
import type { PassbookHolding } from '../../shared/protocol/passbook';
import type { KioskDb, OutboxRow, PassbookRow } from '../db/kiosk-db';
import { importHashKey } from '../hashing/keyed-hash';
import { loadKinds } from './kinds';
import { purgeOld } from './retention';

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
  // Imported before the transaction opens (WebCrypto inside it would let it commit early);
  // stored with the page whose hashes it keys, so the device never holds one without the other.
  const hashKey = page.hashKey ? await importHashKey(page.hashKey) : null;
  await db.transaction('rw', [db.orders, db.products, db.passbooks, db.outbox, db.settings], async () => {
    const pending = await pendingKeys(db, touchedBy);
    await db.orders.bulkPut(page.changes.orders.filter((o) => !pending.has(pendingKeyText('order', o.code))));
    await db.products.bulkPut(page.changes.products);
    await db.passbooks.bulkPut(await mergePassbooks(db, page.changes.passbooks ?? []));
    // A lost card's holding goes: its successor holds the same book.
    await db.passbooks.bulkDelete((page.changes.passbooks ?? []).flatMap((h) => h.blockedCardHashes ?? []));
    await db.putSetting('pullCursor', page.cursor);
    await db.putSetting('branch', page.branch);
    await db.putSetting('lastSyncAt', now);
    await db.putSetting('passbookFullLines', page.passbookFullLines ?? 30);
    if (hashKey) await db.putSetting('hashKey', hashKey);
  });
  // Retention counts in days: once an hour is often enough, not every sync round.
  if (!page.hasMore && now - ((await db.getSetting('lastPurgeAt')) ?? 0) >= 3_600_000) {
    await purgeOld(db, page.retentionDays ?? 30, now, page.keepSettledDays ?? 7);
    await db.putSetting('lastPurgeAt', now);
  }
}

/**
 * A book's mark only moves forward: a printout this kiosk made and the server has not
 * heard of yet (its passbook.printed still queued) keeps its mark, and the lines it put on
 * paper stay off the list, whatever an older pull says. What the kiosk knew of a failed
 * printout (the next one says КОПИЯ) stays too, and so does the number it took.
 */
async function mergePassbooks(db: KioskDb, pulled: PassbookHolding[]): Promise<PassbookRow[]> {
  const local = await db.passbooks.bulkGet(pulled.map((h) => h.cardHash));
  return pulled.map((h, i) => {
    const mine = local[i];
    if (!mine) return h;
    const keep = mine.mark.through > h.mark.through;
    const merged: PassbookRow = keep ? { ...h, mark: mine.mark, entries: h.entries.filter((e) => e.line > mine.mark.through) } : h;
    const withProblem = mine.printProblem && !keep ? { ...merged, printProblem: mine.printProblem } : merged;
    // A number taken for a printout that did not come out is this kiosk's still: the next printout carries it.
    return mine.statementNumber ? { ...withProblem, statementNumber: mine.statementNumber } : withProblem;
  });
}
