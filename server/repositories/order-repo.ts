import type { Queryable } from '../db/db';
import type { Order, OrderItem, OrderStatus } from '../../shared/protocol';

export type OrderRow = {
  code: string;
  branchId: string;
  status: OrderStatus;
  customerShortName: string;
  phoneMasked: string;
  phoneLast4Hash: string;
  scanSecretHash: string | null;
  items: OrderItem[];
  totalKopecks: number;
  paid: boolean;
  /** the desk payment's method (order.paid), if the order was paid there */
  deskMethod: 'cash' | 'card' | null;
  shelf: string | null;
  source: string | null;
  updatedAt: Date;
  xid: string;
};

const columns = (phoneHash: string) => `code, branch_id AS "branchId", status, customer_short_name AS "customerShortName",
  phone_masked AS "phoneMasked", ${phoneHash} AS "phoneLast4Hash", scan_secret_hash AS "scanSecretHash",
  items, total_kopecks AS "totalKopecks", paid, shelf, source, updated_at AS "updatedAt", change_xid::text AS xid,
  (SELECT p.method FROM order_payments p WHERE p.order_code = pickup_orders.code) AS "deskMethod"`;
/** The order as the server holds it: the phone-digit hash as the shop's feed made it (phoneLast4Hash). */
const ORDER_COLUMNS = columns('phone_last4_hash');
/**
 * The order as a device gets it: the phone-digit hash keyed with the branch's key
 * (024_branch_hash_key.sql), so the copy on a kiosk's disk cannot be tried against the
 * 10^4 possible digits without the key.
 */
const DEVICE_ORDER_COLUMNS = columns('(SELECT okno_keyed_hash(b.hash_ipad, b.hash_opad, pickup_orders.phone_last4_hash) FROM branches b WHERE b.id = pickup_orders.branch_id)');

/** Where a pull stopped: the writing transaction's id and the key (pull-service.ts explains why). */
export type Position = [xid: string, key: string];
/** Only rows of transactions older than every running one: nothing can commit behind a cursor. */

export function toOrder(row: OrderRow): Order {
  return {
    code: row.code,
    status: row.status,
    customerShortName: row.customerShortName,
    phoneMasked: row.phoneMasked,
    phoneLast4Hash: row.phoneLast4Hash,
    scanSecretHash: row.scanSecretHash,
    items: row.items,
    totalKopecks: row.totalKopecks,
    paid: row.paid,
    paidBy: row.deskMethod ?? (row.paid ? 'online' : null),
    shelf: row.shelf,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type OrderUpsert = Omit<Order, 'updatedAt'> & { branchId: string; customerCard?: string | null };
/** What the pickup applier needs of an order it locked. */
export type PickupOrderState = { code: string; branchId: string; status: OrderStatus; totalKopecks: number };
/** What the pickup applier locks: the order's state, whether it is paid, and for a card holder's order the card and how it was paid at the desk (null: online). */
export type LockedPickup = PickupOrderState & {
  paid: boolean; customerCard: string | null; deskMethod: 'cash' | 'card' | null;
  /** staff brought the goods to the kiosk handing it over (its pickup wait says so) */
  broughtHere: boolean;
};
export type PickupToApply = { orderCode: string; txId: string; occurredAt: string; receiptNumber: string; totalKopecks: number };
/** What the payment applier needs of an order it locked. */
export type PaymentOrderState = PickupOrderState & { paid: boolean };
export type PaymentToApply = {
  orderCode: string; txId: string; occurredAt: string; staffSessionId: string;
  method: 'cash' | 'card'; amountKopecks: number; tenderedKopecks: number | null; changeKopecks: number | null; terminalRef: string | null;
};

export const orderRepo = {
  async find(q: Queryable, code: string): Promise<(Order & { branchId: string }) | null> {
    const { rows } = await q.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM pickup_orders WHERE code = $1`, [code]);
    const row = rows[0];
    return row ? { ...toOrder(row), branchId: row.branchId } : null;
  },

  /** One order as a device gets it (the look-up of an order it has not pulled yet). */
  async findForDevice(q: Queryable, code: string): Promise<(Order & { branchId: string }) | null> {
    const { rows } = await q.query<OrderRow>(`SELECT ${DEVICE_ORDER_COLUMNS} FROM pickup_orders WHERE code = $1`, [code]);
    const row = rows[0];
    return row ? { ...toOrder(row), branchId: row.branchId } : null;
  },

  /**
   * Locks an order for the shop's feed, so a feed and the branch's pickups and payments of
   * that order take turns. Only the lock: what the feed reads it reads after, in a statement
   * of its own (a statement that waited for a lock still reads with its starting snapshot).
   */
  async lockForFeed(q: Queryable, code: string): Promise<void> {
    await q.query('SELECT 1 FROM pickup_orders WHERE code = $1 FOR UPDATE', [code]);
  },

  /**
   * The shop's word on an order. It never takes back what the branch recorded: an order
   * paid at the desk stays paid, and one handed over stays picked up (the next order.paid
   * would otherwise find it unpaid and fail on the payment it already has).
   */
  async upsert(q: Queryable, o: OrderUpsert): Promise<void> {
    await q.query(
      `INSERT INTO pickup_orders (code, branch_id, customer_short_name, phone_masked, phone_last4_hash, scan_secret_hash,
         items, total_kopecks, paid, shelf, source, status, customer_card)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (code) DO UPDATE SET branch_id = EXCLUDED.branch_id,
         customer_short_name = EXCLUDED.customer_short_name, phone_masked = EXCLUDED.phone_masked,
         phone_last4_hash = EXCLUDED.phone_last4_hash, scan_secret_hash = EXCLUDED.scan_secret_hash,
         items = EXCLUDED.items, total_kopecks = EXCLUDED.total_kopecks,
         paid = EXCLUDED.paid OR EXISTS (SELECT 1 FROM order_payments p WHERE p.order_code = EXCLUDED.code),
         shelf = EXCLUDED.shelf, source = EXCLUDED.source,
         status = CASE WHEN pickup_orders.status = 'picked_up' THEN pickup_orders.status ELSE EXCLUDED.status END,
         customer_card = EXCLUDED.customer_card`,
      [o.code, o.branchId, o.customerShortName, o.phoneMasked, o.phoneLast4Hash, o.scanSecretHash, JSON.stringify(o.items),
        o.totalKopecks, o.paid, o.shelf, o.source, o.status, o.customerCard ?? null],
    );
  },

  /**
   * Locks the orders a run of pickups touches and returns them with the receipt numbers
   * of `receiptNumbers` already used, in one round trip. ORDER BY before FOR UPDATE: every
   * batch locks orders in the same order, so two kiosks' batches cannot deadlock. When no
   * order matched there is no row to carry the used numbers; every pickup is then
   * rejected as unknown-order before its receipt number matters.
   */
  async lockForPickup(q: Queryable, codes: string[], receiptNumbers: string[], deviceId: string): Promise<{ orders: LockedPickup[]; usedNumbers: Set<string> }> {
    // The card holder's facts and whether the goods were brought to this device come with
    // the lock (no second round trip on the hot path); the desk payment is looked up only
    // for card holders' orders. A wait is written by a tablet's pickup.brought, which
    // locks the same order row first: read under this lock, it is the latest.
    const { rows } = await q.query<LockedPickup & { used: string[] }>(
      `SELECT code, branch_id AS "branchId", status, paid, total_kopecks AS "totalKopecks", customer_card AS "customerCard",
              CASE WHEN customer_card IS NOT NULL THEN (SELECT p.method FROM order_payments p WHERE p.order_code = pickup_orders.code) END AS "deskMethod",
              EXISTS (SELECT 1 FROM pickup_waits w WHERE w.order_code = pickup_orders.code AND w.device_id = $3::uuid AND w.status = 'brought') AS "broughtHere",
              (SELECT coalesce(array_agg(number), '{}') FROM receipts WHERE number = ANY($2::text[])) AS used
       FROM pickup_orders WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE`,
      [codes, receiptNumbers, deviceId],
    );
    return { orders: rows.map(({ used: _used, ...o }) => o), usedNumbers: new Set(rows[0]?.used) };
  },

  /**
   * The orders picked up and their receipts, in one statement; the totals are the ones
   * locked. It stamps change_xid (what pulls page by) itself, so the row trigger is
   * skipped (002_push_path.sql).
   */
  async markPickedUp(q: Queryable, device: { id: string; branchId: string }, pickups: PickupToApply[]): Promise<void> {
    if (pickups.length === 0) return;
    await q.query(
      `WITH v AS (
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::text[], $5::bigint[]) AS v(code, id, at, number, total)
       ), picked AS (
         UPDATE pickup_orders o
         SET status = 'picked_up', picked_up_at = v.at, picked_up_device = $6, picked_up_tx = v.id,
             change_xid = pg_current_xact_id(), updated_at = now()
         FROM v WHERE o.code = v.code
       )
       INSERT INTO receipts (number, device_id, branch_id, transaction_id, order_code, total_kopecks, issued_at)
       SELECT v.number, $6, $7, v.id, v.code, v.total, v.at FROM v`,
      [
        pickups.map((p) => p.orderCode),
        pickups.map((p) => p.txId),
        pickups.map((p) => p.occurredAt),
        pickups.map((p) => p.receiptNumber),
        pickups.map((p) => p.totalKopecks),
        device.id,
        device.branchId,
      ],
    );
  },

  /** Locks the orders a run of payments touches, in a fixed order (no deadlocks between tablets). */
  async lockForPayment(q: Queryable, codes: string[]): Promise<PaymentOrderState[]> {
    const { rows } = await q.query<PaymentOrderState>(
      `SELECT code, branch_id AS "branchId", status, paid, total_kopecks AS "totalKopecks"
       FROM pickup_orders WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE`,
      [codes],
    );
    return rows;
  },

  /** The orders become paid and their payments are recorded, in one statement. */
  async recordPayments(q: Queryable, deviceId: string, payments: PaymentToApply[]): Promise<void> {
    if (payments.length === 0) return;
    await q.query(
      `WITH v AS (SELECT * FROM json_to_recordset($1::json) AS v(
         "orderCode" text, "txId" uuid, "occurredAt" timestamptz, "staffSessionId" uuid, method text,
         "amountKopecks" bigint, "tenderedKopecks" bigint, "changeKopecks" bigint, "terminalRef" text)
       ), paid AS (
         UPDATE pickup_orders o SET paid = true FROM v WHERE o.code = v."orderCode"
       )
       INSERT INTO order_payments (order_code, transaction_id, device_id, staff_session_id, method, amount_kopecks,
         tendered_kopecks, change_kopecks, terminal_ref, paid_at)
       SELECT v."orderCode", v."txId", $2, v."staffSessionId", v.method, v."amountKopecks",
         v."tenderedKopecks", v."changeKopecks", v."terminalRef", v."occurredAt" FROM v`,
      [JSON.stringify(payments), deviceId],
    );
  },

  /** One page of a branch's orders after `after` and before the `horizon` (pull-horizon.ts), in (change_xid, code) order, as devices get them; `limit + 1` rows tell whether more follow. */
  async pullPage(q: Queryable, branchId: string, after: Position, limit: number, horizon: string): Promise<OrderRow[]> {
    const { rows } = await q.query<OrderRow>(
      `SELECT ${DEVICE_ORDER_COLUMNS} FROM pickup_orders
       WHERE branch_id = $1 AND (change_xid, code) > ($2::xid8, $3) AND change_xid < $5::xid8
       ORDER BY change_xid, code LIMIT $4`,
      [branchId, after[0], after[1], limit + 1, horizon],
    );
    return rows;
  },
};
export type OrderRepo = typeof orderRepo;
