import type { Queryable } from '../db/db';

/**
 * A pull's horizon: rows stamped with an older transaction id are final, none can still
 * appear behind it (migrations/028_pull_horizon.sql). Read by a statement of its own,
 * before the page queries: their later snapshot sees every writer the horizon passed.
 */
export async function pullHorizon(q: Queryable): Promise<string> {
  const { rows: [row] } = await q.query<{ horizon: string }>('SELECT okno_pull_horizon()::text AS horizon');
  return row!.horizon;
}
