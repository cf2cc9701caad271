import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { DataDirBusyError } from '../errors';

/** Who holds a data folder: written by the holder, read by anyone who finds it taken. */
export type LockInfo = { pid: number; command: string; startedAt: string; socket: string | null };

export type DataDirLock = { readonly file: string; setSocket(socket: string): void; release(): void };

const LOCK_FILE = 'okno.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder of `dataDir`, or null when nobody holds it (no lock file, or its process is gone). */
export function readLiveLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockInfo;
    return Number.isInteger(info.pid) && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export function busyMessage(dataDir: string, holder: LockInfo): string {
  return `the data folder ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}). ` +
    'The embedded database belongs to one process: stop that one (Ctrl+C in its terminal), or give this one another OKNO_DATA_DIR, ' +
    'or set DATABASE_URL to a PostgreSQL that both can share.';
}

/**
 * Takes the embedded database's data folder for this process, or fails at once with a
 * DataDirBusyError that names the process holding it. PGlite opened twice on one folder
 * would let both write and neither see the other's changes (a code made by one is
 * unknown to the other), so a second process must never open it. A lock left by a
 * process that died is taken over.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString(), socket: null };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      let released = false;
      return {
        file,
        setSocket(socket) {
          info.socket = socket;
          writeFileSync(file, JSON.stringify(info), { mode: 0o600 });
        },
        release() {
          if (released) return;
          released = true;
          try { unlinkSync(file); } catch { /* already gone */ }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLiveLock(dataDir);
      if (holder) throw new DataDirBusyError(busyMessage(dataDir, holder));
      try { unlinkSync(file); } catch { /* another process took it over first */ }
    }
  }
  const holder = readLiveLock(dataDir);
  throw new DataDirBusyError(holder ? busyMessage(dataDir, holder) : `the data folder ${dataDir} could not be locked: remove ${file} if no okno process is running`);
}
