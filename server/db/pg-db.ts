import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, Row } from './db';
import { isDatabaseUnavailable } from './unavailable';
import { PULL_WRITER_SQL } from './pull-writer';
import { Gate, TURN_WAIT_MS } from './gate';

// int8 (20) and numeric (1700) as numbers: kopecks and counters stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Parameterised statements are prepared once per connection under a name derived from
 * their text: the SQL of okno is static, so this skips parsing and planning on every
 * push without a cache that could grow.
 */
const names = new Map<string, string>();
function statementName(sql: string): string {
  let name = names.get(sql);
  if (!name) {
    name = `okno_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    names.set(sql, name);
  }
  return name;
}

export type PgOptions = { connectionString: string; schema?: string; max?: number };

/** The longest a statement of the server's may run, and wait for a lock (docs/operations.md, "The server's limits"). */
export const STATEMENT_TIMEOUT_MS = 30_000;
export const LOCK_TIMEOUT_MS = 5_000;

export async function openPostgres(options: PgOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 20,
    // A database behind a dead network would otherwise hold every request until TCP gives
    // up (minutes); 5 s fails them with "unavailable" and the devices retry.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // A connection that goes silent (a failover through a moved address, a firewall dropping
    // it) answers nothing, not even an error: the request fails after this instead of for
    // ever, and the connection is thrown away. Long enough for a migration's statement.
    query_timeout: 120_000,
    // …and its transaction must not hold its locks (a device's row, an order) for ever:
    // PostgreSQL ends it after a minute idle.
    idle_in_transaction_session_timeout: 60_000,
    // No statement of a request outlives the request (30 s), and none waits long for a
    // lock another holds: a lock timeout is a passing hiccup, answered 503 and sent again
    // (errors.ts). Short, too, because pulls wait for okno's writers (pull-writer.ts): a
    // push stuck behind a lock holds the branch's pulls back at most this long. Migrations lift both for their own transaction (migrate.ts).
    // A per-test schema keeps tests apart on one database (style.md: no shared state).
    options: [`-c statement_timeout=${STATEMENT_TIMEOUT_MS}`, `-c lock_timeout=${LOCK_TIMEOUT_MS}`, ...(options.schema ? [`-c search_path=${options.schema}`] : [])].join(' '),
  });
  // An idle client losing its connection must not crash the server; the pool replaces it.
  pool.on('error', () => {});
  // Readiness's own connection: a load balancer waits 3 s for /readyz (Caddy), and a ping
  // in line behind a drain's requests took a busy host for a dead one.
  const health = new pg.Pool({ connectionString: options.connectionString, max: 1, connectionTimeoutMillis: 3_000, query_timeout: 3_000, idleTimeoutMillis: 60_000 });
  health.on('error', () => {});
  // Turns for the pool's connections (gate.ts): the pool itself never queues, so its 5 s
  // timeout means the database does not answer, and a long wait here means busy.
  const turns = new Gate(pool.options.max ?? 10, TURN_WAIT_MS, 'requests wait for a database connection');

  const asQueryable = (q: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T extends Row>(sql: string, params?: unknown[]) => {
      const result = await q.query<T>(params ? { name: statementName(sql), text: sql, values: params } : sql);
      return { rows: result.rows };
    },
    // Without parameters node-postgres uses the simple protocol, which runs several statements.
    exec: async (sql: string) => {
      await q.query(sql);
    },
  });
  const pooled = asQueryable(pool);
  return {
    kind: 'postgres',
    query: (sql, params) => turns.run(() => pooled.query(sql, params)),
    exec: (sql) => turns.run(() => pooled.exec(sql)),
    tx: (fn) => turns.run(async () => {
      const client = await pool.connect();
      // pg-pool takes its own 'error' listener off a client while it is checked out, so
      // without this one a connection ended by PostgreSQL (a restart, failover,
      // pg_terminate_backend) is an unhandled 'error' event and the process exits. The
      // statement in flight fails by itself; the connection is then thrown away.
      let lost: Error | undefined;
      const onError = (error: Error) => { lost = error; };
      client.on('error', onError);
      try {
        // One round trip: the simple protocol runs both.
        await client.query(`BEGIN; ${PULL_WRITER_SQL}`);
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (!lost && !isDatabaseUnavailable(error)) await client.query('ROLLBACK').catch((e: Error) => { lost = e; });
        else lost ??= error as Error;
        throw error;
      } finally {
        client.off('error', onError);
        client.release(lost);
      }
    }),
    close: async () => { await Promise.all([pool.end(), health.end()]); },
    ping: async () => { await health.query('SELECT 1'); },
    listen: (channel, onNotify) => listenOn(options, channel, onNotify),
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: turns.waiting + pool.waitingCount, max: pool.options.max ?? 10 }),
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other work). A lost
 * connection is made again after a growing pause, and `onNotify(null)` tells the caller
 * to look for what it may have missed meanwhile.
 */
async function listenOn(options: PgOptions, channel: string, onNotify: (payload: string | null) => void): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  let client: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: options.connectionString, ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      // A database that accepts the connection and never answers must not hold up start-up.
      connectionTimeoutMillis: 5_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000, query_timeout: 5_000,
    });
    c.on('notification', (message) => { if (message.channel === channel) onNotify(message.payload ?? ''); });
    c.on('error', () => { void reconnect(c); });
    c.on('end', () => { void reconnect(c); });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch (error) {
      await c.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await c.end().catch(() => undefined));
    client = c;
    failures = 0;
    // A LISTEN connection only reads: one that went silent would never say so. Every 10 s
    // it must answer a query within 5 s, or it is made again (and the streams look for
    // what they missed).
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = setInterval(() => {
      if (client !== c) return;
      c.query('SELECT 1').catch(() => { void c.end().catch(() => undefined); void reconnect(c); });
    }, HEARTBEAT_MS);
    heartbeat.unref();
    onNotify(null);
  };
  const reconnect = async (dead: pg.Client): Promise<void> => {
    if (stopped || client !== dead) return;
    client = null;
    await retry();
  };
  const retry = async (): Promise<void> => {
    while (!stopped) {
      // Short pauses: streams wait on this to hear of new events again.
      await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** failures++)));
      try {
        await connect();
        return;
      } catch {
        // the database is still away: wait longer
      }
    }
  };
  // A database that is down at start is waited for like a lost one: the streams start
  // empty and `onNotify(null)` makes them look once it answers.
  await connect().catch((error: unknown) => {
    if (!isDatabaseUnavailable(error)) throw error;
    void retry();
  });
  return async () => {
    stopped = true;
    if (heartbeat) clearInterval(heartbeat);
    await client?.end().catch(() => undefined);
  };
}

/** How often the LISTEN connection must prove it still answers. */
const HEARTBEAT_MS = 10_000;
