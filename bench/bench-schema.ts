import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { openPostgres } from '../server/db/pg-db';

/** A migrated schema of its own in the PostgreSQL at `url`, so a bench never touches other data. */
export async function benchSchema(url: string, prefix: string): Promise<{ schema: string; db: Db; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = await openPostgres({ connectionString: url, schema });
  await migrate(db);
  return {
    schema,
    db,
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
