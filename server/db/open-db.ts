import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db';
import { openPglite } from './pglite-db';
import { openPostgres } from './pg-db';
import { acquireDataDirLock, type DataDirLock } from '../local/data-dir-lock';

export type DbConfig = { databaseUrl?: string | undefined; dataDir: string };

/**
 * DATABASE_URL selects PostgreSQL; otherwise PGlite keeps its files in `<dataDir>/pglite`,
 * and this process takes the data folder for itself until the database is closed
 * (local/data-dir-lock.ts): a second process fails at once, naming this one.
 */
export async function openDb(config: DbConfig, command = process.argv.slice(1).join(' ')): Promise<Db & { lock: DataDirLock | null }> {
  if (config.databaseUrl) return Object.assign(await openPostgres({ connectionString: config.databaseUrl }), { lock: null });
  const lock = acquireDataDirLock(path.resolve(config.dataDir), command);
  try {
    const dir = path.resolve(config.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    const db = await openPglite(dir);
    return { ...db, lock, close: async () => { try { await db.close(); } finally { lock.release(); } } };
  } catch (error) {
    lock.release();
    throw error;
  }
}
