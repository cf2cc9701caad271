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
export async function createTestDb(options: { migrate?: boolean; poolSize?: number; fromDump?: Blob } = {}): Promise<Db> {
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
    if (options.migrate ?? true) await migrate(db);
    return db;
  }
  // A backup of another test database, restored (PGlite only: PostgreSQL restores with pg_restore).
  if (options.fromDump) return openPglite(undefined, options.fromDump);
  if (options.migrate === false) return openPglite();
  return openPglite(undefined, await migratedTemplate());
}

/**
 * Starting PGlite costs about 2.5 s; loading a dump of an already migrated one about
 * 0.6 s. So each test file migrates once and every test starts from a copy of that.
 */
let template: Promise<Blob> | undefined;
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const db = await openPglite();
    await migrate(db);
    const dump = await db.dumpDataDir!();
    await db.close();
    return dump;
  })();
  return template;
}

