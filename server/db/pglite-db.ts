import { PGlite, types } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db';
import { PULL_WRITER_SQL } from './pull-writer';

/** int8 and numeric come back as JS numbers, as with node-postgres (see pg-db.ts). */
const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => Number(v),
};

/**
 * PGlite is one connection: its own `transaction()` holds an exclusive lock, so
 * concurrent requests queue here exactly as they would wait for row locks in PostgreSQL.
 */
export async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<Db> {
  const pg = await PGlite.create({ parsers, ...(dataDir ? { dataDir } : {}), ...(loadDataDir ? { loadDataDir } : {}) });
  const asQueryable = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T extends Row>(sql: string, params?: unknown[]) => {
      const result = await q.query<T>(sql, params);
      return { rows: result.rows };
    },
    exec: async (sql: string) => {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...asQueryable(pg),
    tx: (fn) => pg.transaction(async (tx) => {
      await tx.exec(PULL_WRITER_SQL);
      return fn(asQueryable(tx));
    }),
    close: () => pg.close(),
    // One connection: it hears its own notifications, after the transaction commits.
    listen: async (channel, onNotify) => {
      const stop = await pg.listen(channel, (payload) => onNotify(payload));
      onNotify(null);
      return stop;
    },
    // Holding the transaction lock, no transaction is half done in the copy. (A statement
    // inside it would wait for that lock: the checkpoint, which keeps the recovery of the
    // copy short, comes first.)
    dumpDataDir: async (compression = 'none') => {
      await pg.exec('CHECKPOINT');
      return pg._runExclusiveTransaction(() => pg.dumpDataDir(compression) as Promise<Blob>);
    },
  };
}
