import type { Queryable } from '../db/db';
import type { Rejection } from '../../shared/protocol/rejections';

/** A rejected transaction as its resolution needs it, locked. */
export type LockedRejection = { id: string; branchId: string; resolved: boolean };

export type ResolutionToApply = {
  transactionId: string; resolutionTx: string; action: 'handled' | 'corrected'; note: string;
  correctingTx: string | null; staffSessionId: string; resolvedAt: string;
};

const LIST_LIMIT = 200;

/** The branch's rejected transactions (the push log keeps them) and their resolutions. */
export const rejectionRepo = {
  /**
   * Locks the rejected transactions named, in a fixed order, then reads them: two statements,
   * so a second supervisor's resolution that waited for the lock sees the first one's.
   */
  async lock(q: Queryable, ids: string[]): Promise<Map<string, LockedRejection>> {
    if (ids.length === 0) return new Map();
    await q.query("SELECT id FROM transactions WHERE id = ANY($1::uuid[]) AND status = 'rejected' ORDER BY id FOR UPDATE", [[...ids].sort()]);
    const { rows } = await q.query<LockedRejection>(
      `SELECT t.id::text, d.branch_id AS "branchId", EXISTS (SELECT 1 FROM rejection_resolutions r WHERE r.transaction_id = t.id) AS resolved
       FROM transactions t JOIN devices d ON d.id = t.device_id WHERE t.id = ANY($1::uuid[]) AND t.status = 'rejected'`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  },

  /** Which of these ids are applied transactions of the branch (a correction must be one). */
  async appliedOfBranch(q: Queryable, branchId: string, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { rows } = await q.query<{ id: string }>(
      `SELECT t.id::text FROM transactions t JOIN devices d ON d.id = t.device_id
       WHERE t.id = ANY($1::uuid[]) AND t.status = 'applied' AND d.branch_id = $2`,
      [ids, branchId],
    );
    return new Set(rows.map((r) => r.id));
  },

  async insertResolutions(q: Queryable, rows: ResolutionToApply[]): Promise<void> {
    if (rows.length === 0) return;
    await q.query(
      `INSERT INTO rejection_resolutions (transaction_id, resolution_tx, action, note, correcting_tx, staff_session_id, resolved_at)
       SELECT v."transactionId", v."resolutionTx", v.action, v.note, v."correctingTx", v."staffSessionId", v."resolvedAt"
       FROM json_to_recordset($1::json) AS v("transactionId" uuid, "resolutionTx" uuid, action text, note text, "correctingTx" uuid, "staffSessionId" uuid, "resolvedAt" timestamptz)`,
      [JSON.stringify(rows)],
    );
  },

  /**
   * A branch's rejected transactions, newest first (or one device's: what a kiosk shows
   * for itself), open ones only unless `all`, with the order each was about as it is now.
   */
  async list(q: Queryable, scope: { branchId: string; deviceId?: string }, all: boolean): Promise<Rejection[]> {
    const { rows } = await q.query<{
      transactionId: string; kind: string; device: string; place: string | null; occurredAt: Date; receivedAt: Date; reason: string; subject: string | null;
      orderStatus: 'ready' | 'picked_up' | 'cancelled' | null; pickedUpAt: Date | null; pickedUpDevice: string | null; pickedUpTx: string | null;
      action: 'handled' | 'corrected' | null; note: string | null; staffName: string | null; resolvedAt: Date | null; correctingTx: string | null;
    }>(
      `SELECT t.id::text AS "transactionId", t.kind, d.code AS device, d.place, t.occurred_at AS "occurredAt", t.received_at AS "receivedAt", t.reason,
              coalesce(t.payload->>'orderCode', t.payload->>'receiptNumber', t.payload->>'requestId') AS subject,
              o.status AS "orderStatus", o.picked_up_at AS "pickedUpAt", pd.code AS "pickedUpDevice", o.picked_up_tx::text AS "pickedUpTx",
              r.action, r.note, st.name AS "staffName", r.resolved_at AS "resolvedAt", r.correcting_tx::text AS "correctingTx"
       FROM transactions t
       JOIN devices d ON d.id = t.device_id
       LEFT JOIN pickup_orders o ON o.code = t.payload->>'orderCode' AND o.branch_id = d.branch_id
       LEFT JOIN devices pd ON pd.id = o.picked_up_device
       LEFT JOIN rejection_resolutions r ON r.transaction_id = t.id
       LEFT JOIN staff_sessions ss ON ss.id = r.staff_session_id LEFT JOIN staff st ON st.id = ss.staff_id
       WHERE t.status = 'rejected' AND d.branch_id = $1 AND ($2::uuid IS NULL OR t.device_id = $2) AND ($3 OR r.transaction_id IS NULL)
       ORDER BY t.received_at DESC, t.id DESC
       LIMIT ${LIST_LIMIT}`,
      [scope.branchId, scope.deviceId ?? null, all],
    );
    return rows.map((r) => ({
      transactionId: r.transactionId, kind: r.kind, device: r.device, place: r.place,
      occurredAt: r.occurredAt.toISOString(), receivedAt: r.receivedAt.toISOString(), reason: r.reason, subject: r.subject,
      order: r.orderStatus ? { status: r.orderStatus, pickedUpAt: r.pickedUpAt?.toISOString() ?? null, pickedUpDevice: r.pickedUpDevice, pickedUpTx: r.pickedUpTx } : null,
      resolution: r.action ? { action: r.action, note: r.note!, staffName: r.staffName!, resolvedAt: r.resolvedAt!.toISOString(), correctingTransactionId: r.correctingTx } : null,
    }));
  },
};
export type RejectionRepo = typeof rejectionRepo;
