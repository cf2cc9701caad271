import type { TransactionKind, TransactionPayloads } from '../../shared/protocol';
import type { z } from 'zod';
import type { KioskDb, OutboxRow } from './kiosk-db';
import { uuidv7 } from './uuid7';

/**
 * Adds a transaction to the outbox with the device's next seq. Must run inside a Dexie
 * transaction over `outbox` and `settings` that also makes the local change it describes:
 * the change and its outbox row commit together, or neither does.
 */
export async function enqueue<K extends TransactionKind>(
  db: KioskDb,
  kind: K,
  payload: z.infer<(typeof TransactionPayloads)[K]>,
  now: Date,
): Promise<OutboxRow> {
  const counters = await nextCounters(db, { seq: 1, receipt: 0 });
  const row: OutboxRow = { id: uuidv7(now.getTime()), seq: counters.seq, kind, occurredAt: now.toISOString(), payload, queuedAt: now.getTime() };
  await db.outbox.add(row);
  return row;
}

/** Takes the next numbers and stores the incremented counters, in the caller's transaction. */
export async function nextCounters(db: KioskDb, step: { seq: number; receipt: number }): Promise<{ seq: number; receipt: number }> {
  const current = (await db.getSetting('counters')) ?? { seq: 1, receipt: 1 };
  await db.putSetting('counters', { seq: current.seq + step.seq, receipt: current.receipt + step.receipt });
  return current;
}
