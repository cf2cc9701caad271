import { pendingKeyText, type PendingEntity } from '../../shared/protocol/transactions/kind';
import type { KioskDb, QuarantineRow } from '../db/kiosk-db';
import { type ApiClient, RequestRejectedError } from './api-client';
import { pendingKeys, type TouchedBy } from './apply-pull';
import { loadKinds } from './kinds';

/**
 * How to re-read one kind of entity from the server and store it. Each returns true when
 * the entity is settled (stored, or the server has nothing to give: 403/404), false when
 * the server could not be asked (offline: try again next round).
 */
type Refresher = (db: KioskDb, api: Pick<ApiClient, 'order'>, token: string, key: string, touchedBy: TouchedBy) => Promise<boolean>;

const REFRESHERS: Record<PendingEntity, Refresher> = {
  async order(db, api, token, code, touchedBy) {
    let order;
    try {
      order = await api.order(token, code);
    } catch (error) {
      return error instanceof RequestRejectedError && error.status !== 401 && error.status !== 426;
    }
    await db.transaction('rw', [db.orders, db.outbox], async () => {
      // A newer local change to the same order, queued since, still wins until it is pushed.
      if (!(await pendingKeys(db, touchedBy)).has(pendingKeyText('order', code))) await db.orders.put(order);
    });
    return true;
  },
};

/**
 * A rejected transaction leaves what it touched as the server has it (an order picked up
 * at another kiosk, or cancelled), whichever way it was rejected. Quarantined rows not yet
 * refreshed are tried on every sync round until the server has answered for each.
 */
export async function refreshRejected(db: KioskDb, api: Pick<ApiClient, 'order'>, token: string): Promise<void> {
  const rows: QuarantineRow[] = await db.quarantine.filter((r) => r.refreshed === false).toArray();
  if (rows.length === 0) return;
  const { touchedBy } = await loadKinds();
  for (const row of rows) {
    let settled = true;
    for (const touched of touchedBy(row)) settled = (await REFRESHERS[touched.entity](db, api, token, touched.key, touchedBy)) && settled;
    if (settled) await db.quarantine.update(row.id, { refreshed: true });
  }
}
