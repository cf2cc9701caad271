import type { KioskDb, OutboxRow } from '../db/kiosk-db';

/** Payload fields that name a card by its number, as staff typed or scanned it. */
const CARD_FIELDS = ['customerCard', 'cardNumber', 'replacesCard'] as const;

/**
 * Whether an acknowledged transaction is kept to be sent again after a restore. Not one
 * that names a customer's card by its number (a sale to a card holder, a card issued,
 * settings a tablet changed): a device's disk holds no card number once its work is sent
 * (issue 20), and the signed payload cannot be kept without it. After a restore to an
 * earlier point, those are the ones staff enter again (docs/operations.md says so).
 */
export function keptForRestore(row: Pick<OutboxRow, 'payload'>): boolean {
  const payload = row.payload as Record<string, unknown>;
  return CARD_FIELDS.every((field) => payload[field] === undefined);
}

/**
 * After the server was restored to an earlier point, it lacks transactions this device
 * already settled. The server says the highest seq of this device it holds (every pull);
 * a settled row above it means the server lost work, so everything kept goes back into
 * the outbox, oldest first, and is pushed again: what the server has is answered
 * `duplicate`, what it lacks is applied, once. Returns how many rows were queued again.
 *
 * Everything kept goes, not only the rows above the mark: the device cannot tell which of
 * the lower ones the restore lost (a kind deferred by an older server settles after later
 * seqs), and a duplicate costs the server one look-up.
 */
export async function requeueAfterRestore(db: KioskDb, serverLastSeq: number | undefined): Promise<number> {
  if (serverLastSeq === undefined) return 0;
  return db.transaction('rw', [db.outbox, db.settled], async () => {
    const newest = await db.settled.orderBy('seq').last();
    if (!newest || newest.seq <= serverLastSeq) return 0;
    const kept = await db.settled.toArray();
    await db.outbox.bulkPut(kept.map(({ settledAt: _at, ...row }) => row as OutboxRow));
    await db.settled.clear();
    return kept.length;
  });
}
