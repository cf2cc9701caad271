import type { Queryable } from '../db/db';

export type AssistanceRow = { id: string; branchId: string; deviceId: string; status: 'open' | 'accepted' | 'resolved' | 'cancelled' };
export type NewAssistance = { id: string; branchId: string; deviceId: string; screen: string; context: unknown; requestedAt: string };

export const assistanceRepo = {
  /** Inserts requests not seen before; returns the ids that were already there. */
  async insertNew(q: Queryable, requests: NewAssistance[]): Promise<Set<string>> {
    if (requests.length === 0) return new Set();
    const { rows } = await q.query<{ id: string }>(
      `WITH v AS (SELECT * FROM json_to_recordset($1::json) AS v(id uuid, "branchId" uuid, "deviceId" uuid, screen text, context jsonb, "requestedAt" timestamptz)),
       ins AS (
         INSERT INTO assistance_requests (id, branch_id, device_id, screen, context, status, requested_at)
         SELECT id, "branchId", "deviceId", screen, context, 'open', "requestedAt" FROM v
         ON CONFLICT (id) DO NOTHING RETURNING id
       )
       SELECT v.id FROM v WHERE v.id NOT IN (SELECT id FROM ins)`,
      [JSON.stringify(requests)],
    );
    return new Set(rows.map((r) => r.id));
  },

  /** Locks the requests, in a fixed order. */
  async lockRequests(q: Queryable, ids: string[]): Promise<AssistanceRow[]> {
    const { rows } = await q.query<AssistanceRow>(
      `SELECT id, branch_id AS "branchId", device_id AS "deviceId", status FROM assistance_requests
       WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows;
  },

  /**
   * The open calls of a branch about these orders (their context names the order), locked:
   * the desk handed the order over, so the call is answered.
   */
  async lockOpenForOrders(q: Queryable, branchId: string, orderCodes: string[]): Promise<{ id: string; deviceId: string; orderCode: string }[]> {
    if (orderCodes.length === 0) return [];
    const { rows } = await q.query<{ id: string; deviceId: string; orderCode: string }>(
      `SELECT id, device_id AS "deviceId", context->>'orderCode' AS "orderCode" FROM assistance_requests
       WHERE branch_id = $1 AND status IN ('open', 'accepted') AND context->>'orderCode' = ANY($2::text[])
       ORDER BY id FOR UPDATE`,
      [branchId, orderCodes],
    );
    return rows;
  },

  /** Closes requests: resolved by staff, or cancelled by the visit that made them. */
  async markClosed(q: Queryable, closed: { id: string; status: 'resolved' | 'cancelled' }[]): Promise<void> {
    if (closed.length === 0) return;
    await q.query(
      `UPDATE assistance_requests a SET status = v.status FROM json_to_recordset($1::json) AS v(id uuid, status text) WHERE a.id = v.id`,
      [JSON.stringify(closed)],
    );
  },

  async markAccepted(q: Queryable, accepted: { id: string; sessionId: string; at: string }[]): Promise<void> {
    if (accepted.length === 0) return;
    await q.query(
      `UPDATE assistance_requests a SET status = 'accepted', accepted_by_session = v."sessionId", accepted_at = v.at
       FROM json_to_recordset($1::json) AS v(id uuid, "sessionId" uuid, at timestamptz) WHERE a.id = v.id`,
      [JSON.stringify(accepted)],
    );
  },
};
export type AssistanceRepo = typeof assistanceRepo;
