import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL cluster of the test's own, on a port of its own, that the test may stop,
 * restart and cut off without disturbing the other test files that share the machine's
 * PostgreSQL (.ci/postgres.sh). Made with the machine's PostgreSQL binaries, run as the
 * `postgres` user (the server refuses to run as root).
 */
const BIN = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return version ? path.join(root, version, 'bin') : null;
})();

export function canRunOwnPostgres(): boolean {
  return !!BIN && existsSync(path.join(BIN, 'pg_ctl')) && process.getuid?.() === 0;
}

export type OwnPostgres = {
  url: string;
  port: number;
  /** Ends every connection to the database but this test's own (as an admin or a failover would). */
  terminateConnections(): Promise<number>;
  stop(): void;
  start(): void;
  restart(): void;
  destroy(): void;
};

export async function startOwnPostgres(): Promise<OwnPostgres> {
  if (!BIN) throw new Error('no PostgreSQL binaries in /usr/lib/postgresql');
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-pg-'));
  const data = path.join(dir, 'data');
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  const port = 25_000 + Math.floor(Math.random() * 5000);
  const asPostgres = (command: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, command), ...args], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const pgCtl = (action: string, extra: string[] = []) =>
    asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...extra, action]);
  const options = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`];
  pgCtl('start', options);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async terminateConnections() {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ n: number }>(
          'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()',
        );
        return rows[0]!.n;
      } finally {
        await admin.end();
      }
    },
    stop: () => pgCtl('stop', ['-m', 'fast']),
    start: () => pgCtl('start', options),
    restart: () => pgCtl('restart', ['-m', 'fast', ...options]),
    destroy() {
      try { pgCtl('stop', ['-m', 'immediate']); } catch { /* already stopped */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
