import type { Queryable } from '../db/db';
import { EVENTS_CHANNEL, type BranchEvent } from '../../shared/protocol/live-events';
import { PULL_NOW_EVENT } from '../../shared/protocol/event-names';

export type NewEvent = { audience: 'staff' } | { audience: 'device'; deviceId: string };
export type EventToAppend = NewEvent & { name: string; data: Record<string, unknown> };
/**
 * Who reads a stream: a tablet's staff (the branch's staff events), or one device. A
 * staff member's stream lasts as long as their session: `sessionId` ends it when the
 * session ends (SESSION_ENDED_EVENT), `until` when its shift runs out.
 */
export type Reader = { branchId: string; deviceId: string; staff: boolean; sessionId?: string; until?: Date };

type EventRow = { id: number; name: string; data: Record<string, unknown>; at: Date };

/** A branch's event with whom it is for: what a server process reads once for all its streams. */
export type StoredEvent = BranchEvent & { audience: 'staff' | 'device'; deviceId: string | null };

/**
 * Whether a reader hears an event: a tablet with a staff member the branch's staff events,
 * any device those addressed to it. `since` says the same in SQL (a poll reads only its own).
 */
export function hears(reader: Pick<Reader, 'staff' | 'deviceId'>, e: Pick<StoredEvent, 'audience' | 'deviceId'>): boolean {
  return (e.audience === 'staff' && reader.staff) || (e.audience === 'device' && e.deviceId === reader.deviceId);
}

/**
 * Events held back until the end of a transaction, by the transaction's Queryable
 * (`deferEvents`). The branch's counter row, which orders event ids by commit, is locked
 * from the moment ids are taken until commit: every push of the branch waits for it. A
 * push that took its ids in an applier held it through the rest of the batch (its log
 * rows, its audit), and 50 kiosks of one branch queued behind each other (bench:server,
 * docs/benchmarks.md). Taken last, the lock is held only for the commit.
 */
const heldBack = new WeakMap<Queryable, Map<string, EventToAppend[]>>();

/** `q`, with its events appended only when `flushEvents(q)` is called (just before commit). */
export function deferEvents(q: Queryable): Queryable {
  const deferring: Queryable = { query: (sql, params) => q.query(sql, params), exec: (sql) => q.exec(sql) };
  heldBack.set(deferring, new Map());
  return deferring;
}

/** Appends what `deferEvents(q)` held back, branch by branch, in the order it came. */
export async function flushEvents(q: Queryable): Promise<void> {
  const held = heldBack.get(q);
  if (!held) return;
  heldBack.delete(q);
  for (const [branchId, events] of held) await eventRepo.append(q, branchId, events);
}
const toEvent = (r: EventRow): BranchEvent => ({ id: r.id, name: r.name, data: r.data, at: r.at.toISOString() });

export const eventRepo = {
  /**
   * Appends events of one branch with the next ids, and notifies every server process.
   * Run inside the transaction that made the fact: the counter's row lock orders the
   * ids, and PostgreSQL delivers the NOTIFY only when that transaction commits.
   */
  /**
   * Tells every kiosk of the branch to pull now (PULL_NOW_EVENT, one device event each: a
   * kiosk hears only its own): a card issued or blocked, «Забыть меня», an order the shop
   * changed reach them in seconds, not at their next 30-second round. Run inside the
   * transaction that made the change, like `append`.
   */
  async nudgeKiosks(q: Queryable, branchId: string, what: 'orders' | 'passbooks'): Promise<void> {
    const { rows } = await q.query<{ id: string }>("SELECT id FROM devices WHERE branch_id = $1 AND role = 'kiosk' AND token_hash IS NOT NULL ORDER BY id", [branchId]);
    await eventRepo.append(q, branchId, rows.map((r) => ({ audience: 'device' as const, deviceId: r.id, name: PULL_NOW_EVENT, data: { what } })));
  },

  async append(q: Queryable, branchId: string, events: EventToAppend[]): Promise<void> {
    if (events.length === 0) return;
    const held = heldBack.get(q);
    if (held) {
      held.set(branchId, [...(held.get(branchId) ?? []), ...events]);
      return;
    }
    // One statement, one round trip while the counter's row is locked: the ids, the rows,
    // and the NOTIFY (delivered at commit).
    await q.query(
      `WITH c AS (
         INSERT INTO branch_event_counters (branch_id, last_id) VALUES ($1, $2)
         ON CONFLICT (branch_id) DO UPDATE SET last_id = branch_event_counters.last_id + $2
         RETURNING last_id
       ), rows AS (
         INSERT INTO events (branch_id, id, audience, device_id, name, data)
         SELECT $1, c.last_id - $2 + v.n, v.audience, v."deviceId", v.name, v.data
         FROM c, ROWS FROM (json_to_recordset($3::json) AS (audience text, "deviceId" uuid, name text, data jsonb)) WITH ORDINALITY AS v(audience, "deviceId", name, data, n)
         RETURNING 1
       )
       SELECT pg_notify($4, $1::text) FROM (SELECT count(*) FROM rows) AS done`,
      [branchId, events.length, JSON.stringify(events.map((e) => ({ audience: e.audience, deviceId: e.audience === 'device' ? e.deviceId : null, name: e.name, data: e.data }))), EVENTS_CHANNEL],
    );
  },

  /** Every event of the branch after `afterId`, for whomever, oldest first: one read serves a process's streams (events/event-hub.ts). */
  async branchSince(q: Queryable, branchId: string, afterId: number, limit: number): Promise<StoredEvent[]> {
    const { rows } = await q.query<EventRow & { audience: 'staff' | 'device'; deviceId: string | null }>(
      `SELECT id, name, data, created_at AS at, audience, device_id AS "deviceId" FROM events
       WHERE branch_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [branchId, afterId, limit],
    );
    return rows.map((r) => ({ ...toEvent(r), audience: r.audience, deviceId: r.deviceId }));
  },

  /** The reader's events after `afterId`, oldest first (as `hears` judges them). */
  async since(q: Queryable, reader: Reader, afterId: number, limit: number): Promise<BranchEvent[]> {
    const { rows } = await q.query<EventRow>(
      `SELECT id, name, data, created_at AS at FROM events
       WHERE branch_id = $1 AND id > $2
         AND ((audience = 'staff' AND $3::bool) OR (audience = 'device' AND device_id = $4))
       ORDER BY id LIMIT $5`,
      [reader.branchId, afterId, reader.staff, reader.deviceId, limit],
    );
    return rows.map(toEvent);
  },

  /**
   * The last event id of the branch from before its day began (in its time zone), 0 if
   * none: a device starting fresh replays today, not every day the table holds. Reads
   * back from the newest id, so it passes only today's events.
   */
  async lastBeforeToday(q: Queryable, branchId: string): Promise<number> {
    const { rows } = await q.query<{ id: number }>(
      `SELECT e.id FROM events e, branches b
       WHERE b.id = $1 AND e.branch_id = b.id
         AND e.created_at < (date_trunc('day', now() AT TIME ZONE b.time_zone) AT TIME ZONE b.time_zone)
       ORDER BY e.id DESC LIMIT 1`,
      [branchId],
    );
    return Number(rows[0]?.id ?? 0);
  },

  async lastId(q: Queryable, branchId: string): Promise<number> {
    const { rows } = await q.query<{ last: number }>('SELECT last_id AS last FROM branch_event_counters WHERE branch_id = $1', [branchId]);
    return rows[0]?.last ?? 0;
  },

  async insertTicket(q: Queryable, t: { ticketHash: string; deviceId: string; staffSessionId: string | null; expiresAt: Date }): Promise<void> {
    await q.query('INSERT INTO event_tickets (ticket_hash, device_id, staff_session_id, expires_at) VALUES ($1, $2, $3, $4)',
      [t.ticketHash, t.deviceId, t.staffSessionId, t.expiresAt]);
  },

  /** Uses a ticket up: it opens one stream, once, before it expires. */
  async takeTicket(q: Queryable, ticketHash: string): Promise<{ deviceId: string; staffSessionId: string | null } | null> {
    const { rows } = await q.query<{ deviceId: string; staffSessionId: string | null }>(
      `UPDATE event_tickets SET used_at = now()
       WHERE ticket_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING device_id AS "deviceId", staff_session_id AS "staffSessionId"`,
      [ticketHash],
    );
    return rows[0] ?? null;
  },
};
export type EventRepo = typeof eventRepo;
