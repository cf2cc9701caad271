import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, Row } from './db';

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

export async function openPostgres(options: PgOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 20,
    // A per-test schema keeps tests apart on one database (style.md: no shared state).
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the server; the pool replaces it.
  pool.on('error', () => {});
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
  return {
    kind: 'postgres',
    ...asQueryable(pool),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(asQueryable(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
