import type { KioskDb } from '../db/kiosk-db';
import type { ApiClient } from './api-client';

/**
 * A supervisor resolved some of this device's rejected transactions on a tablet: the
 * device's quarantine learns which, so its staff line stops asking for a person. Asked
 * only while something here is unresolved; the rows stay (with when they were resolved),
 * the list on the tablet is the same list.
 */
export async function learnResolved(db: KioskDb, api: Pick<ApiClient, 'ownRejections'>, token: string, now = Date.now()): Promise<void> {
  const open = await db.quarantine.filter((r) => r.resolvedAt === undefined).toArray();
  if (open.length === 0) return;
  const { rejections } = await api.ownRejections(token);
  const resolved = new Set(rejections.filter((r) => r.resolution).map((r) => r.transactionId));
  const done = open.filter((r) => resolved.has(r.id));
  if (done.length > 0) await db.quarantine.bulkUpdate(done.map((r) => ({ key: r.id, changes: { resolvedAt: now } })));
}
