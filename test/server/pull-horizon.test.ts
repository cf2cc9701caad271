import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order, PullResponse } from '../../shared/protocol';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';

/**
 * Issue 21, item 2: a long transaction elsewhere in the database (a backup, a batch job, a
 * psql session left open with a write) delays no device's pull, and no change is ever
 * missed by one (migrations/028_pull_horizon.sql). Needs a second connection that holds a
 * transaction open beside the server: PostgreSQL only (PGlite is one connection, where
 * nothing runs beside a transaction).
 */
const url = process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(url)('pulls beside a long transaction (PostgreSQL)', () => {
  let s: TestServer;
  let kiosk: TestDevice;
  const clients: pg.Client[] = [];
  beforeEach(async () => {
    ({ s, kiosk } = await serverWithKiosk());
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.end().catch(() => undefined);
    await s.close();
  });

  /** A connection of its own to the test's schema, as an operator's psql or pg_dump would be. */
  async function connection(): Promise<pg.Client> {
    const { schema } = (await s.db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!;
    const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await client.connect();
    clients.push(client);
    return client;
  }

  async function pull(cursor?: string): Promise<PullResponse> {
    const res = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers: kiosk.auth });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as PullResponse;
  }

  /** Pulls on from `cursor` until `codes` have all come, or `ms` pass: how long that took, or null. */
  async function pulledWithin(cursor: string | undefined, codes: string[], ms: number): Promise<{ after: number | null; cursor: string | undefined; seen: Map<string, Order> }> {
    const start = Date.now();
    const seen = new Map<string, Order>();
    for (;;) {
      const page = await pull(cursor);
      cursor = page.cursor;
      for (const o of page.changes.orders) seen.set(o.code, o);
      if (codes.every((c) => seen.has(c))) return { after: Date.now() - start, cursor, seen };
      if (Date.now() - start > ms) return { after: null, cursor, seen };
      if (!page.hasMore) await sleep(100);
    }
  }

  it('a transaction left open with a write, and a backup’s long snapshot, delay no pull: new orders and a handover come at once', async () => {
    const { cursor: start } = await pulledWithin(undefined, [], 0);
    // A session that wrote and never ended (its transaction id is older than every change
    // below), and a pg_dump-like REPEATABLE READ snapshot beside it.
    const idle = await connection();
    await idle.query('BEGIN');
    await idle.query('CREATE TEMP TABLE left_open (n int)');
    await idle.query('INSERT INTO left_open VALUES (1)');
    const { xid } = (await idle.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows[0]!;
    const backup = await connection();
    await backup.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await backup.query('SELECT count(*) FROM pickup_orders');

    const codes = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const first = await pulledWithin(start, codes, 5_000);
    expect(first.after, 'new orders reach the pull while the other transactions stay open').not.toBeNull();
    expect(first.after!).toBeLessThan(3_000);
    // What froze pulls before: the oldest running transaction anywhere is still the one left open.
    const { xmin } = (await s.db.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')).rows[0]!;
    expect(BigInt(xmin)).toBeLessThanOrEqual(BigInt(xid));

    // A handover at the kiosk, pushed and pulled while both still stand open.
    const res = await s.push(kiosk, [s.pickup(kiosk, codes[0]!)]);
    expect(res.statusCode).toBe(200);
    const second = await pulledWithin(first.cursor, [codes[0]!], 5_000);
    expect(second.seen.get(codes[0]!)?.status).toBe('picked_up');
    expect(second.after!).toBeLessThan(3_000);
    await backup.query('COMMIT');
    await idle.query('ROLLBACK');
  });

  it('misses nothing while writers commit out of order: a slow writer’s older change is held back, never passed', async () => {
    const codes = await Promise.all(Array.from({ length: 20 }, () => s.putOrder('MSK1')));
    let { cursor } = await pulledWithin(undefined, codes, 10_000);
    // Writers that take a transaction id, then take their time: each commits after many
    // younger ones. Meanwhile a kiosk pulls as fast as it can.
    const shelves = new Map<string, string>();
    let writing = true;
    const writers = codes.map(async (code, i) => {
      const shelf = `S${i}`;
      shelves.set(code, shelf);
      await s.db.tx(async (q) => {
        await q.query('UPDATE pickup_orders SET shelf = $2 WHERE code = $1', [code, shelf]);
        await sleep(((i * 37) % 11) * 40);
      });
    });
    const seen = new Map<string, string | null>();
    const puller = (async () => {
      while (writing) {
        const page = await pull(cursor);
        cursor = page.cursor;
        for (const o of page.changes.orders) seen.set(o.code, o.shelf ?? null);
      }
    })();
    await Promise.all(writers);
    writing = false;
    await puller;
    // Then the kiosk pulls on as usual: every order's last change has reached it, none lost behind the cursor.
    const rest = await pulledWithin(cursor, [], 0);
    for (const [code, order] of rest.seen) seen.set(code, order.shelf ?? null);
    for (let round = 0; round < 20 && [...shelves].some(([code, shelf]) => seen.get(code) !== shelf); round++) {
      await sleep(100);
      const more = await pulledWithin(rest.cursor, [], 0);
      rest.cursor = more.cursor;
      for (const [code, order] of more.seen) seen.set(code, order.shelf ?? null);
    }
    expect(Object.fromEntries([...shelves].map(([code]) => [code, seen.get(code)]))).toEqual(Object.fromEntries(shelves));
  });

  it('an operator’s UPDATE in psql reaches the devices; one after another write in the same transaction is refused, naming what to do', async () => {
    const code = await s.putOrder('MSK1');
    const { cursor } = await pulledWithin(undefined, [code], 5_000);
    const psql = await connection();
    await psql.query("UPDATE pickup_orders SET shelf = 'C9' WHERE code = $1", [code]);
    const after = await pulledWithin(cursor, [code], 5_000);
    expect(after.seen.get(code)?.shelf).toBe('C9');

    await psql.query('BEGIN');
    await psql.query('CREATE TEMP TABLE scratch (n int)');
    await psql.query('INSERT INTO scratch VALUES (1)');
    const refused = await psql.query("UPDATE pickup_orders SET shelf = 'D1' WHERE code = $1", [code]).then(() => null, (e: pg.DatabaseError) => e);
    expect(refused?.message).toBe('okno: this transaction changes what devices pull after writing something else');
    expect(refused?.hint).toContain('SELECT okno_pull_write();');
    await psql.query('ROLLBACK');
    // Declared first, the same transaction is fine.
    await psql.query('BEGIN');
    await psql.query('SELECT okno_pull_write()');
    await psql.query('CREATE TEMP TABLE scratch (n int)');
    await psql.query('INSERT INTO scratch VALUES (1)');
    await psql.query("UPDATE pickup_orders SET shelf = 'D1' WHERE code = $1", [code]);
    await psql.query('COMMIT');
    const declared = await pulledWithin(after.cursor, [code], 5_000);
    expect(declared.seen.get(code)?.shelf).toBe('D1');
  });
});
