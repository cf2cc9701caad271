import type { Db } from '../../db/db';
import { RETENTION_RULES, type RetentionRule } from './rules';

export type RetentionSettings = {
  /** live events are kept at least this long: the window a reconnecting device replays (OKNO_KEEP_EVENTS_HOURS, at least 24) */
  eventsHours: number;
  /** the transaction log, audit log, documents, sales and finished orders (OKNO_KEEP_RECORDS_DAYS) */
  recordsDays: number;
  /** the longest lock a count of wrong tries leads to: an older count counts as none */
  attemptsMinutes: number;
};

/** How many rows one statement deletes, and how many statements a rule runs in one pass (the next pass goes on). */
export const RETENTION_BATCH = 5_000;
const MAX_BATCHES_A_PASS = 200;

export type RetentionPass = { deleted: Record<string, number>; ms: number };

function cutoff(rule: RetentionRule, settings: RetentionSettings, now: number): Date {
  switch (rule.keep) {
    case 'events': return new Date(now - settings.eventsHours * 3_600_000);
    case 'dead': return new Date(now);
    case 'attempts': return new Date(now - settings.attemptsMinutes * 60_000);
    case 'records': return new Date(now - settings.recordsDays * 86_400_000);
  }
}

/**
 * One pass of every rule: each batch is a transaction of its own (it declares itself a
 * writer, db.tx, so pulls see past it at once), each rule repeats while it fills batches.
 * On the embedded database, which has no autovacuum, a table that lost rows is vacuumed
 * after, so the space goes to the next rows instead of growing the folder.
 */
export async function prunePass(db: Db, settings: RetentionSettings, now = Date.now(), batchSize = RETENTION_BATCH): Promise<RetentionPass> {
  const started = performance.now();
  const deleted: Record<string, number> = {};
  for (const rule of RETENTION_RULES) {
    const before = cutoff(rule, settings, now);
    for (let i = 0; i < MAX_BATCHES_A_PASS; i++) {
      const count = await db.tx(async (q) => {
        if (rule.auditPrune) await q.query(`SELECT set_config('okno.retention', 'prune', true)`);
        return (await q.query(rule.sql, [before, batchSize])).rows.length;
      });
      if (count > 0) deleted[rule.table] = (deleted[rule.table] ?? 0) + count;
      if (count < batchSize) break;
    }
  }
  if (db.kind === 'pglite') {
    for (const table of Object.keys(deleted)) await db.exec(`VACUUM ${table}`);
  }
  return { deleted, ms: Math.round(performance.now() - started) };
}

/**
 * Runs a pass soon after start and then every `everyMs` (an hour), at a random moment
 * within the first interval so that several server processes do not all prune at once
 * (two passes side by side are harmless: a row is deleted once). A pass that fails (the
 * database away) is logged and tried again at the next turn.
 */
export function startRetentionJob(db: Db, settings: RetentionSettings, log: (line: string) => void, everyMs = 3_600_000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const turn = () => {
    if (stopped || running) return;
    running = prunePass(db, settings)
      .then((pass) => {
        const total = Object.values(pass.deleted).reduce((a, b) => a + b, 0);
        if (total > 0) log(`retention: removed ${Object.entries(pass.deleted).map(([t, n]) => `${n} ${t}`).join(', ')} in ${pass.ms} ms`);
      })
      .catch((error: Error) => log(`retention: the pass failed and is tried again in an hour: ${error.message}`))
      .finally(() => { running = null; });
  };
  const first = setTimeout(turn, 60_000 + Math.random() * Math.min(everyMs, 600_000));
  const every = setInterval(turn, everyMs);
  first.unref();
  every.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
