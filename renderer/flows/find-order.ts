import type { Order } from '../../shared/protocol';
import type { IdentityStore } from '../db/identity-store';
import type { KioskDb } from '../db/kiosk-db';
import type { ApiClient } from '../sync/api-client';

export type FindOutcome = { ok: true; order: Order } | { ok: false; code: 'not-found' | 'picked-up' | 'cancelled' };

/**
 * One pickup order by its code, for the kiosk and the staff tablet alike. The local cache
 * first (works offline); an order the last pull has not brought yet is
 * asked of the server directly, and remembered. A code found nowhere is "not found",
 * whether the server was reachable or not: the customer's next step is the same.
 */
export async function findOrder(db: KioskDb, identity: IdentityStore, api: Pick<ApiClient, 'order'>, code: string): Promise<FindOutcome> {
  let order = await db.orders.get(code);
  if (!order) {
    const token = (await identity.get())?.token;
    order = token ? await api.order(token, code).catch(() => undefined) : undefined;
    if (order) await db.orders.put(order);
  }
  if (!order) return { ok: false, code: 'not-found' };
  if (order.status === 'picked_up') return { ok: false, code: 'picked-up' };
  if (order.status === 'cancelled') return { ok: false, code: 'cancelled' };
  return { ok: true, order };
}
