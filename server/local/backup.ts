import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db';
import { openPglite } from '../db/pglite-db';
import { ConfigError } from '../errors';

/** What a PostgreSQL server is backed up with instead: the runbook names the commands. */
export const POSTGRES_BACKUP_HINT = 'on PostgreSQL, back up and restore with pg_dump and pg_restore (docs/operations.md, "Backup and restore")';

/**
 * Writes a copy of the embedded database to `file` (a .tar.gz), safe while the server
 * runs: the copy is taken between transactions (pglite-db.ts). Written beside the target
 * and renamed into place, so a file with that name is always a whole backup.
 */
export async function backupTo(db: Db, file: string): Promise<string[]> {
  if (!db.dumpDataDir) throw new ConfigError(`backup: ${POSTGRES_BACKUP_HINT}`);
  if (!path.isAbsolute(file)) throw new ConfigError(`backup: --to must be a full path (got "${file}")`);
  if (existsSync(file)) throw new ConfigError(`backup: ${file} exists already; name a new file (an old backup is never overwritten)`);
  mkdirSync(path.dirname(file), { recursive: true });
  const started = Date.now();
  const dump = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
  const partial = `${file}.partial`;
  writeFileSync(partial, dump);
  renameSync(partial, file);
  return [`backup written: ${file} (${(dump.length / 1_048_576).toFixed(1)} MB, ${Date.now() - started} ms)`, file];
}

/**
 * Replaces the embedded database in `dataDir` with the backup in `file`. The server must
 * be stopped (the caller holds the data folder's lock). The backup is opened in a folder
 * beside the database first and checked; only then does it take the database's place,
 * and the database it replaces is kept beside it, named with the time, until someone
 * removes it. Devices push again what the backup lacks on their next round.
 */
export async function restoreFrom(dataDir: string, file: string, now = new Date()): Promise<string[]> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new ConfigError(`restore: no backup file at ${file}`);
  const live = path.join(dataDir, 'pglite');
  const incoming = path.join(dataDir, 'pglite.restoring');
  rmSync(incoming, { recursive: true, force: true });
  let branches: number;
  try {
    const db = await openPglite(incoming, new Blob([readFileSync(file)]));
    try {
      const { rows: [row] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM branches');
      branches = row!.n;
    } finally {
      await db.close();
    }
  } catch (error) {
    rmSync(incoming, { recursive: true, force: true });
    throw new ConfigError(`restore: ${file} is not an okno backup that opens (${(error as Error).message}); nothing was changed`);
  }
  const kept = `${live}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
  if (existsSync(live)) renameSync(live, kept);
  renameSync(incoming, live);
  return [
    `restored ${file} into ${live} (${branches} branch${branches === 1 ? '' : 'es'}); the database it replaced is kept in ${kept}`,
    'start the server: devices push again what the backup lacks on their next round',
  ];
}
