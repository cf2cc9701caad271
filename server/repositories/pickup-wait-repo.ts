import type { Queryable } from '../db/db';

export type WaitingOrder = {
  code: string; branchId: string; status: 'ready' | 'picked_up' | 'cancelled'; paid: boolean; shelf: string | null; totalKopecks: number;
  /** paid at the desk: how (null: online when ordered, or not paid) */
  deskMethod: 'cash' | 'card' | null;
  waitStatus: 'waiting' | 'brought' | null; waitDevice: string | null; waitDeviceCode: string | null;
};

/** Customers waiting at kiosks for their pickup orders' goods. */
export const pickupWaitRepo = {
  /**
   * Locks the orders, in a fixed order, then reads where their customer waits, if anywhere.
   * Two statements on purpose: the waits are other rows than the locked orders, and under
   * READ COMMITTED a statement that waited for a lock still reads with the snapshot it
   * started with; read after the lock, a wait another tablet just changed is seen.
   */
  async lock(q: Queryable, codes: string[]): Promise<WaitingOrder[]> {
    await q.query('SELECT code FROM pickup_orders WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE', [codes]);
    const { rows } = await q.query<WaitingOrder>(
      `SELECT o.code, o.branch_id AS "branchId", o.status, o.paid, o.shelf, o.total_kopecks AS "totalKopecks",
              (SELECT p.method FROM order_payments p WHERE p.order_code = o.code) AS "deskMethod",
              w.status AS "waitStatus", w.device_id AS "waitDevice", d.code AS "waitDeviceCode"
       FROM pickup_orders o LEFT JOIN pickup_waits w ON w.order_code = o.code LEFT JOIN devices d ON d.id = w.device_id
       WHERE o.code = ANY($1::text[]) ORDER BY o.code`,
      [codes],
    );
    return rows;
  },

  async wait(q: Queryable, waits: { orderCode: string; deviceId: string; at: string }[]): Promise<void> {
    if (waits.length === 0) return;
    await q.query(
      `INSERT INTO pickup_waits (order_code, device_id, status, waited_at)
       SELECT v."orderCode", v."deviceId", 'waiting', v.at FROM json_to_recordset($1::json) AS v("orderCode" text, "deviceId" uuid, at timestamptz)
       ON CONFLICT (order_code) DO UPDATE SET device_id = EXCLUDED.device_id, status = 'waiting', waited_at = EXCLUDED.waited_at,
         brought_by_session = NULL, brought_at = NULL`,
      [JSON.stringify(waits)],
    );
  },

  async brought(q: Queryable, brought: { orderCode: string; sessionId: string; at: string }[]): Promise<void> {
    if (brought.length === 0) return;
    await q.query(
      `UPDATE pickup_waits w SET status = 'brought', brought_by_session = v."sessionId", brought_at = v.at
       FROM json_to_recordset($1::json) AS v("orderCode" text, "sessionId" uuid, at timestamptz) WHERE w.order_code = v."orderCode"`,
      [JSON.stringify(brought)],
    );
  },

  /**
   * Ends waits: the order was handed over (anywhere), or its customer left the kiosk
   * (`deviceId`: only a wait at that kiosk ends). Returns the waits that ended, with their kiosk.
   */
  async end(q: Queryable, codes: string[], deviceId?: string): Promise<{ orderCode: string; deviceId: string; deviceCode: string }[]> {
    if (codes.length === 0) return [];
    const { rows } = await q.query<{ orderCode: string; deviceId: string; deviceCode: string }>(
      `DELETE FROM pickup_waits w USING devices d
       WHERE d.id = w.device_id AND w.order_code = ANY($1::text[]) AND ($2::uuid IS NULL OR w.device_id = $2::uuid)
       RETURNING w.order_code AS "orderCode", w.device_id AS "deviceId", d.code AS "deviceCode"`,
      [codes, deviceId ?? null],
    );
    return rows;
  },

  /** The kiosks where customers wait for these orders (to tell them an order is paid). */
  async waitingDevices(q: Queryable, codes: string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const { rows } = await q.query<{ code: string; deviceId: string }>(
      `SELECT order_code AS code, device_id AS "deviceId" FROM pickup_waits WHERE order_code = ANY($1::text[])`, [codes]);
    return new Map(rows.map((r) => [r.code, r.deviceId]));
  },
};
export type PickupWaitRepo = typeof pickupWaitRepo;
