import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db';
import { openPglite } from './pglite-db';
import { openPostgres } from './pg-db';

export type DbConfig = { databaseUrl?: string | undefined; dataDir: string };

/** DATABASE_URL selects PostgreSQL; otherwise PGlite keeps its files in `<dataDir>/pglite`. */
export async function openDb(config: DbConfig): Promise<Db> {
  if (config.databaseUrl) return openPostgres({ connectionString: config.databaseUrl });
  const dir = path.resolve(config.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  return openPglite(dir);
}
