/**
 * The one place that tells "the database is not there" (down, restarting, unreachable, a
 * connection ended under us) from every other database error. Those answer 503 and the
 * device retries; a worker waits for them at start; anything else is a bug or a bad
 * setting and is reported as such. Codes: PostgreSQL's class 08 (connection exception),
 * 57P01–57P03 (shut down, crashed, starting up), 53300 (too many connections), and
 * Node's socket errors; node-postgres says some of these in words only.
 */
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const WORDS = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
  'the database system is',
  'Query read timeout',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (NODE_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')) return true;
  // An AggregateError of every address tried (localhost as ::1 and 127.0.0.1).
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isDatabaseUnavailable)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return WORDS.some((w) => message.includes(w));
}

/**
 * Runs `attempt` until it does not fail for an unavailable database, waiting 0.5 s, 1 s,
 * 2 s … up to 30 s between tries and saying so each time. Any other failure (a wrong
 * password, a failing migration) is thrown at once: waiting would not mend it.
 */
export async function untilDatabaseAnswers<T>(attempt: () => Promise<T>, log: (line: string) => void, options: { maxDelayMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  for (let failures = 0; ; failures++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || options.signal?.aborted) throw error;
      const delay = Math.min(options.maxDelayMs ?? 30_000, 500 * 2 ** Math.min(failures, 10));
      log(`okno: the database does not answer (${(error as Error).message || (error as { code?: string }).code}); trying again in ${(delay / 1000).toFixed(1)} s`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Errors that say "not now" rather than "not this": a lock or statement timeout, a query
 * cancelled by an administrator, a deadlock, a serialization failure. The same request
 * later succeeds, so they are never blamed on a transaction (never a server-error
 * rejection, which would stay for good): the push answers 503 and the device sends it again.
 */
const TRANSIENT = new Set(['55P03', '57014', '40P01', '40001']);
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT.has(code);
}
