import { readFileSync } from 'node:fs';

/**
 * What one client may hold of the server, so a slow or greedy one (a tablet on bad
 * Wi-Fi, a scanner of the branch network, a bug) cannot take it from everyone else. The
 * numbers and why are in docs/operations.md ("The server's limits").
 */
export type ServerLimits = {
  /** the whole request, headers and body, must arrive within this (a push of 1 MB at 35 KB/s) */
  requestTimeoutMs: number;
  /** the headers must arrive within this (a client trickling one byte at a time is cut here) */
  headersTimeoutMs: number;
  /** a connection with nothing sent either way for this long is closed (event streams beat every 15 s) */
  idleTimeoutMs: number;
  /** an idle keep-alive connection between requests is closed after this */
  keepAliveTimeoutMs: number;
  /** connections open at once; more are refused, so the database's connections always have file descriptors */
  maxConnections: number;
  /** event streams one device may hold open in one server process; a new one ends its oldest */
  streamsPerDevice: number;
  /** API requests in progress at once in one process (event streams aside); more are told 503 server-busy at once (admission.ts) */
  inProgress: number;
};

export const DEFAULT_LIMITS: ServerLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 10_000,
  maxConnections: defaultMaxConnections(),
  streamsPerDevice: 3,
  inProgress: 100,
};

/**
 * The process's open-file limit less room for the database pool, PGlite's files, logs and
 * the admin socket: at the limit itself, accepting one more client would fail the
 * database's next connection with EMFILE.
 */
function defaultMaxConnections(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (Number.isFinite(soft) && soft > 0) return Math.max(64, Math.min(soft - 128, 20_000));
  } catch {
    // not Linux: the fallback below fits the common limit of 1,024
  }
  return 896;
}
