import type { Queryable } from '../db/db';
import { AUDIT_PAGE, type AuditEntry } from '../../shared/protocol/audit';
import { dayBounds } from './day-bounds';

/** branchId null: an operator's action that belongs to no branch (a branch opened, an admin token made) */
export type AuditRow = { branchId: string | null; deviceId: string | null; occurredAt: Date | string; staffId: string | null; employeeNo: string | null; action: string; subject: string | null };

/** The append-only audit log of staff actions (a trigger refuses UPDATE and DELETE). */
export const auditRepo = {
  async append(q: Queryable, rows: AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO audit_log (branch_id, device_id, occurred_at, staff_id, employee_no, action, subject)
       SELECT v."branchId", v."deviceId", v."occurredAt", v."staffId", v."employeeNo", v.action, v.subject
       FROM json_to_recordset($1::json) AS v("branchId" uuid, "deviceId" uuid, "occurredAt" timestamptz, "staffId" uuid, "employeeNo" text, action text, subject text)`,
      [JSON.stringify(rows)],
    );
  },

  /** Staff-authored transactions just applied: the staff member comes from each one's session. */
  async appendFromSessions(q: Queryable, device: { id: string; branchId: string }, rows: { sessionId: string; occurredAt: string; action: string; subject: string }[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO audit_log (branch_id, device_id, occurred_at, staff_id, employee_no, action, subject)
       SELECT $2, $3, v."occurredAt", st.id, st.employee_no, v.action, v.subject
       FROM json_to_recordset($1::json) AS v("sessionId" uuid, "occurredAt" timestamptz, action text, subject text)
       JOIN staff_sessions s ON s.id = v."sessionId" JOIN staff st ON st.id = s.staff_id`,
      [JSON.stringify(rows), device.branchId, device.id],
    );
  },

  /** A branch's entries of one day in its time zone (today when `date` is null), oldest first, with the day. */
  async day(q: Queryable, branchId: string, date: string | null, page: { after?: string | undefined; limit: number } = { limit: AUDIT_PAGE }): Promise<{ date: string; entries: AuditEntry[]; next: string | null }> {
    const { rows: [day] } = await q.query<{ date: string; day_start: Date; day_end: Date }>(
      `SELECT to_char(coalesce($2::date, (now() AT TIME ZONE time_zone)::date), 'YYYY-MM-DD') AS date, ${dayBounds('$2')} FROM branches WHERE id = $1`, [branchId, date]);
    // An id says nothing to a supervisor: a call is named by the kiosk that called, a
    // resolved refusal by what was refused, a copy by the kind of paper.
    const { rows } = await q.query<{ id: string; occurredAt: Date; recordedAt: Date; staffName: string | null; employeeNo: string | null; device: string | null; action: string; subject: string | null; callKiosk: string | null; refusedKind: string | null; documentKind: AuditEntry['documentKind'] }>(
      `SELECT a.id::text, a.occurred_at AS "occurredAt", a.recorded_at AS "recordedAt", st.name AS "staffName", a.employee_no AS "employeeNo", d.code AS device, a.action, a.subject,
              CASE WHEN a.action LIKE 'assistance.%' THEN (SELECT k.code FROM assistance_requests r JOIN devices k ON k.id = r.device_id WHERE r.id = CASE WHEN a.subject ~ '^[0-9a-f-]{36}$' THEN a.subject::uuid END) END AS "callKiosk",
              CASE WHEN a.action = 'rejection.resolved' THEN (SELECT t.kind FROM transactions t WHERE t.id = CASE WHEN a.subject ~ '^[0-9a-f-]{36}$' THEN a.subject::uuid END) END AS "refusedKind",
              -- A copy names its paper: a receipt, a slip or a passbook statement (one printed before statements were numbered is named by its transaction's id).
              CASE WHEN a.action = 'document.reprinted' THEN coalesce((SELECT r.kind FROM receipts r WHERE r.number = a.subject), CASE WHEN a.subject ~ '^[0-9a-f-]{36}$' THEN 'passbook' END) END AS "documentKind"
       FROM audit_log a LEFT JOIN devices d ON d.id = a.device_id LEFT JOIN staff st ON st.id = a.staff_id
       WHERE a.branch_id = $1 AND a.occurred_at >= $2 AND a.occurred_at < $3
         -- the page after the entry named by after: later in the day's order (time, then id)
         AND ($4::bigint IS NULL OR (a.occurred_at, a.id) > (SELECT x.occurred_at, x.id FROM audit_log x WHERE x.id = $4::bigint AND x.branch_id = $1))
       ORDER BY a.occurred_at, a.id
       LIMIT $5`,
      [branchId, day!.day_start, day!.day_end, page.after ?? null, page.limit + 1],
    );
    const more = rows.length > page.limit;
    const entries = rows.slice(0, page.limit);
    return {
      date: day!.date,
      entries: entries.map(({ id: _id, ...r }) => ({ ...r, occurredAt: r.occurredAt.toISOString(), recordedAt: r.recordedAt.toISOString() })),
      next: more ? entries.at(-1)!.id : null,
    };
  },
};
export type AuditRepo = typeof auditRepo;
