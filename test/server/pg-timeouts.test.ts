import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../shared/protocol';
import { LOCK_TIMEOUT_MS } from '../../server/db/pg-db';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';

/**
 * Issue 21, item 3: the server's connections carry a statement and a lock timeout, so a
 * request never waits for ever behind a lock someone holds (a psql session, a stuck job):
 * it answers 503 with Retry-After, and the device's resend applies once the lock is gone.
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)('the server’s statement and lock timeouts (PostgreSQL)', () => {
  let s: TestServer;
  let kiosk: TestDevice;
  let psql: pg.Client | undefined;
  beforeEach(async () => {
    ({ s, kiosk } = await serverWithKiosk());
  });
  afterEach(async () => {
    await psql?.end().catch(() => undefined);
    await s.close();
  });

  it('are set on every connection of the server', async () => {
    const { rows } = await s.db.query<{ statement: string; lock: string }>("SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock");
    expect(rows[0]).toEqual({ statement: '30s', lock: '5s' });
  });

  it('a push behind a lock held elsewhere answers 503 with Retry-After after the lock timeout, and the resend applies once', async () => {
    const code = await s.putOrder('MSK1');
    const tx = s.pickup(kiosk, code);
    const { schema } = (await s.db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!;
    psql = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await psql.connect();
    // The goods brought to the kiosk are recorded first (any request writes them: test-app.ts).
    await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: kiosk.auth });
    // An operator's session holds the order's row, as an UPDATE left open would.
    await psql.query('BEGIN');
    await psql.query('SELECT 1 FROM pickup_orders WHERE code = $1 FOR NO KEY UPDATE', [code]);
    const started = Date.now();
    const blocked = await s.push(kiosk, [tx]);
    const waited = Date.now() - started;
    expect(blocked.statusCode, blocked.body).toBe(503);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(waited).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 500);
    expect(waited).toBeLessThan(LOCK_TIMEOUT_MS + 5_000);
    await psql.query('ROLLBACK');
    for (let i = 0; i < 3; i++) { const r = ((await s.push(kiosk, [tx])).json() as PushResponse).results[0]!; expect(r, JSON.stringify(r)).toMatchObject({ status: i === 0 ? 'applied' : 'duplicate' }); }
  }, 30_000);
});
