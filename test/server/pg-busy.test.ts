import http from 'node:http';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/pg-db';
import type { PushResponse } from '../../shared/protocol';
import { createTestServer } from './support/test-app';

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

  it('a push whose device stopped waiting before its turn came is not applied, and its resend is (not a "duplicate" of one the device never heard of)', async () => {
    // A pool of 4: pushes get two turns at a time.
    const s = await createTestServer({ poolSize: 4 });
    let psql: pg.Client | undefined;
    try {
      await s.addBranch('MSK1');
      const kiosks = [await s.enroll('MSK1'), await s.enroll('MSK1'), await s.enroll('MSK1')];
      const codes = [await s.putOrder('MSK1'), await s.putOrder('MSK1'), await s.putOrder('MSK1')];
      for (const k of kiosks) await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: k.auth });
      const { schema } = (await s.db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!;
      psql = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      await psql.connect();
      // Two pushes hold both turns, waiting for rows an operator holds.
      await psql.query('BEGIN');
      await psql.query('SELECT 1 FROM pickup_orders WHERE code = ANY($1) FOR NO KEY UPDATE', [codes.slice(0, 2)]);
      const holding = [0, 1].map((i) => s.push(kiosks[i]!, [s.pickup(kiosks[i]!, codes[i]!)]));
      await new Promise((r) => setTimeout(r, 300));
      // A third waits for a turn on a real connection, and its device gives up on it.
      const kiosk = kiosks[2]!;
      await s.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = s.app.server.address() as { port: number };
      const late = s.pickup(kiosk, codes[2]!);
      const body = JSON.stringify({ transactions: [late] });
      const req = http.request({ host: '127.0.0.1', port, path: '/api/v1/sync/push', method: 'POST', headers: { ...kiosk.auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      req.on('error', () => undefined);
      req.end(body);
      await new Promise((r) => setTimeout(r, 1000));
      req.destroy();
      await new Promise((r) => setTimeout(r, 200));
      await psql.query('COMMIT');
      for (const h of holding) expect(((await h).json() as PushResponse).results[0]).toMatchObject({ status: 'applied' });
      await new Promise((r) => setTimeout(r, 300));
      expect((await s.db.query('SELECT 1 FROM transactions WHERE id = $1', [late.id])).rows).toHaveLength(0);
      for (let i = 0; i < 3; i++) {
        const r = ((await s.push(kiosk, [late])).json() as PushResponse).results[0]!;
        expect(r, JSON.stringify(r)).toMatchObject({ status: i === 0 ? 'applied' : 'duplicate' });
      }
    } finally {
      await psql?.end().catch(() => undefined);
      await s.close();
    }
  }, 30_000);

  it('a host that is only busy stays ready: /readyz does not wait its turn behind the requests (a load balancer waits 3 s)', async () => {
    const s = await createTestServer({ poolSize: 2 });
    try {
      // Both connections held for 4 s, as by a drain's pushes.
      const busy = Array.from({ length: 2 }, () => s.db.tx(async (q) => { await q.query('SELECT pg_sleep(4)'); }));
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      const ready = await s.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode, ready.body).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
      await Promise.all(busy);
    } finally {
      await s.close();
    }
  }, 30_000);
});
