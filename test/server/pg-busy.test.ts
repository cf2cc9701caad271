import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/pg-db';

/**
 * A busy server is not an unreachable database (bench:chain found it): pg-pool's one
 * timeout, 5 s, covered waiting for a busy pool's next connection too, so requests that
 * merely queued after a chain's outage were answered "database unavailable". The pool
 * now never queues; requests wait their turn in okno's gate (server/db/gate.ts).
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)('a busy pool (PostgreSQL)', () => {
  it('serves requests that waited longer than the pool’s connection timeout for a free connection', async () => {
    const db = await openPostgres({ connectionString: url!, max: 2 });
    try {
      const started = Date.now();
      // Two hold both connections for 6 s; two more wait for them, past pg-pool's 5 s.
      const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => db.tx(async (q) => {
        await q.query('SELECT pg_sleep(6)');
        return (await q.query<{ n: number }>('SELECT $1::int AS n', [i])).rows[0]!.n;
      })));
      expect(answers).toEqual([0, 1, 2, 3]);
      expect(Date.now() - started).toBeGreaterThan(11_000);
      expect(db.poolUse!().waiting).toBe(0);
    } finally {
      await db.close();
    }
  }, 30_000);
});
