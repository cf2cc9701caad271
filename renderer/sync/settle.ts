import type { PushResult, TransactionEnvelope } from '../../shared/protocol';
import type { KioskDb, OutboxRow, QuarantineRow, SettledRow } from '../db/kiosk-db';
import { keptForRestore } from './restore';

export function toEnvelope(row: OutboxRow): TransactionEnvelope {
  return {
    id: row.id, seq: row.seq, kind: row.kind, occurredAt: row.occurredAt, payload: row.payload,
    ...(row.deviceTime ? { deviceTime: row.deviceTime } : {}), ...(row.signature ? { signature: row.signature } : {}),
  };
}

/** How long a transaction the server does not know yet waits before it is sent again: an update is not minutes away. */
export const DEFERRED_RETRY_MS = 15 * 60_000;

/**
 * Applies the server's answer to a pushed batch in one local transaction: acknowledged
 * rows (applied or duplicate) leave the outbox for the settled rows kept a week (for a
 * server restored to an earlier point: sync/restore.ts); rejected ones move to quarantine, so one
 * bad transaction never blocks the rest; deferred ones (a kind the server does not know
 * yet) stay, marked to wait. A row the answer does not mention stays queued.
 * Quarantined rows wait for what they touched to be re-read (refresh-rejected.ts).
 */
export async function settleResults(db: KioskDb, rows: OutboxRow[], results: PushResult[], now: number): Promise<{ settled: number; rejected: number; deferred: number }> {
  const byId = new Map(results.map((r) => [r.id, r]));
  const acknowledged: SettledRow[] = [];
  const rejected: QuarantineRow[] = [];
  const deferred: OutboxRow[] = [];
  for (const row of rows) {
    const result = byId.get(row.id);
    if (!result) continue;
    if (result.status === 'deferred') {
      deferred.push({ ...row, waitingForServer: { retryAt: now + DEFERRED_RETRY_MS } });
    } else if (result.status === 'rejected') {
      rejected.push({ ...row, reason: result.reason ?? 'invalid-payload', ...(result.detail ? { detail: result.detail } : {}), quarantinedAt: now, refreshed: false });
    } else {
      const { waitingForServer: _waiting, ...kept } = row;
      acknowledged.push({ ...kept, settledAt: now });
    }
  }
  await db.transaction('rw', [db.outbox, db.quarantine, db.settled], async () => {
    await db.quarantine.bulkPut(rejected);
    await db.settled.bulkPut(acknowledged.filter(keptForRestore));
    await db.outbox.bulkDelete([...acknowledged.map((r) => r.id), ...rejected.map((r) => r.id)]);
    await db.outbox.bulkPut(deferred);
  });
  return { settled: acknowledged.length + rejected.length, rejected: rejected.length, deferred: deferred.length };
}
