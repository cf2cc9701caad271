import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';
import { MigrationError } from '../errors';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Migration = { version: number; name: string; file: string; sql: string };

/** Files named NNN_name.sql, in order. A gap or a duplicate number is a packaging bug. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d+)_([\w-]+)\.sql$/.exec(file);
      if (!match) throw new MigrationError(`migration file name must be NNN_name.sql: ${file}`);
      return { version: Number(match[1]), name: match[2]!, file, sql: readFileSync(path.join(dir, file), 'utf8') };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migrations must be numbered 1, 2, 3 …: found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/**
 * Applies every migration not yet applied, each in its own transaction together with its
 * row in schema_migrations, so a failed one leaves the database at the previous version.
 * Two servers starting at once are serialised by an advisory lock.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.tx(async (q) => {
      // One migration at a time; and one may rewrite a year of rows: the server's statement
      // and lock timeouts (pg-db.ts) are for requests.
      await q.query("SELECT pg_advisory_xact_lock(727001), set_config('statement_timeout', '0', true), set_config('lock_timeout', '0', true)");
      const { rows } = await q.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      try {
        await q.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(`migration ${migration.file} failed: ${(error as Error).message}`);
      }
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
