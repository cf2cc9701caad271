/**
 * The one database seam: PGlite (embedded, the default) and PostgreSQL (DATABASE_URL)
 * both implement it, so migrations, repositories and services are written once.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  /** Runs `fn` in one database transaction: it commits if `fn` resolves, rolls back if it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Calls `onNotify` with each NOTIFY payload on `channel`, and with null when the
   * listening connection was (re)made, so the caller checks for anything it missed.
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string | null) => void): Promise<() => Promise<void>>;
  /**
   * PGlite only: a copy of the whole database folder as a tar file (gzip-compressed if
   * asked), taken between transactions after a checkpoint, so it opens as it was at that
   * moment: for backups (local/backup.ts) and fast test set-up.
   */
  dumpDataDir?(compression?: 'none' | 'gzip'): Promise<Blob>;
  readonly kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the connection pool's use now (the metrics) */
  poolUse?(): { total: number; idle: number; waiting: number; max: number };
  /**
   * PostgreSQL only: a round trip on a connection of its own, never waiting its turn
   * behind requests (gate.ts), so that readiness and the metrics tell a host that is only
   * busy from one whose database is away.
   */
  ping?(): Promise<void>;
}
