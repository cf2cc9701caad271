import type { Queryable } from '../db/db';

export const healthRepo = {
  /** A round trip to the database: the health check's proof that it answers. */
  async ping(q: Queryable): Promise<void> {
    await q.query('SELECT 1');
  },
};
export type HealthRepo = typeof healthRepo;
