import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../../server/db/db';
import { openPglite } from '../../../server/db/pglite-db';
import { openPostgres } from '../../../server/db/pg-db';
import { migrate } from '../../../server/db/migrate';

/**
 * A fresh, migrated database for one test: in-memory PGlite by default, or a schema of
 * its own in the PostgreSQL that DATABASE_URL names (dropped again on close).
 */
export async function createTestDb(options: { migrate?: boolean; poolSize?: number } = {}): Promise<Db> {
  const url = process.env.DATABASE_URL;
  let db: Db;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const inner = await openPostgres({ connectionString: url, schema, max: options.poolSize ?? 20 });
    db = {
      ...inner,
      async close() {
        await inner.close();
        const drop = new pg.Client({ connectionString: url });
        await drop.connect();
        await drop.query(`DROP SCHEMA ${schema} CASCADE`);
        await drop.end();
      },
    };
  } else {
    db = await openPglite();
  }
  if (options.migrate ?? true) await migrate(db);
  return db;
}
