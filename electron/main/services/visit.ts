import type { Session } from 'electron';

/**
 * What the browser engine may keep of one customer's visit, cleared when the visit ends
 * (finished, cancelled or idle). The page already wipes its memory and sessionStorage; this
 * clears cookies, caches and auth the engine holds for the kiosk partition. It never
 * touches IndexedDB or localStorage: that is the app's own store (cached orders, the
 * outbox of pickups still to sync), and clearing it would lose customers' transactions.
 */
export const VISIT_STORAGES = ['cookies', 'filesystem', 'shadercache', 'cachestorage'] as const;

export async function endVisit(session: Pick<Session, 'clearStorageData' | 'clearCache' | 'clearAuthCache'>): Promise<{ cleared: true }> {
  await session.clearStorageData({ storages: [...VISIT_STORAGES] });
  await session.clearCache();
  await session.clearAuthCache();
  return { cleared: true };
}
