import type { Queryable } from '../db/db';

/**
 * Goods taken back and money paid back, of a sale (sale.refunded) or of a handed-over
 * pickup order (order.returned): one table for both (migrations 009 and 025), so the
 * rules, the day's summary and the slip's copy are one piece of code each.
 */
export type RefundToApply = {
  id: string; txId: string; occurredAt: string; receiptNumber: string; staffSessionId: string;
  /** exactly one of them: what the goods came from */
  saleId: string | null; orderCode: string | null;
  method: 'cash' | 'card' | 'online'; amountKopecks: number;
  lines: { sku: string; qty: number; serials: string[]; amountKopecks: number }[];
};

/**
 * What goods can come back from, as the take-back rules read it under its lock: the branch,
 * the way money goes back, a card holder's card, and each product's line by SKU.
 */
export type TakeBackSource = {
  branchId: string; method: 'cash' | 'card' | 'online'; customerCard: string | null;
  lines: Map<string, TakeBackLine>;
};
/**
 * One product: units and their price, units back already; `serials` are the units' serials
 * where the source names them (a sale's), `serialRequired` where a serial must be read off
 * the unit instead (a pickup order's serial-numbered product).
 */
export type TakeBackLine = { qty: number; refundedQty: number; priceKopecks: number; serials: string[]; refundedSerials: Set<string>; serialRequired: boolean };

export const refundRepo = {
  /** Refund ids already used and slip numbers already issued, in one round trip. */
  async context(q: Queryable, refundIds: string[], receiptNumbers: string[]): Promise<{ existingRefunds: Set<string>; usedNumbers: Set<string> }> {
    const { rows } = await q.query<{ refunds: string[]; used: string[] }>(
      `SELECT (SELECT coalesce(array_agg(id::text), '{}') FROM refunds WHERE id = ANY($1::uuid[])) AS refunds,
              (SELECT coalesce(array_agg(number), '{}') FROM receipts WHERE number = ANY($2::text[])) AS used`,
      [refundIds, receiptNumbers],
    );
    return { existingRefunds: new Set(rows[0]!.refunds), usedNumbers: new Set(rows[0]!.used) };
  },

  /**
   * The refunds and their lines, a sale's refunded units and serials, and the slips'
   * receipts (kind refund; an order's return slip with its order code, so the branch's
   * documents list it under the order), in one statement.
   */
  async insert(q: Queryable, device: { id: string; branchId: string }, refunds: RefundToApply[]): Promise<void> {
    if (refunds.length === 0) return;
    await q.query(
      `WITH v AS (
         SELECT * FROM json_to_recordset($1::json) AS v(
           id uuid, "saleId" uuid, "orderCode" text, "txId" uuid, "occurredAt" timestamptz, "receiptNumber" text, "staffSessionId" uuid,
           method text, "amountKopecks" bigint, lines json)
       ), x AS (
         SELECT v.id, v."saleId", v."occurredAt", x.* FROM v, json_to_recordset(v.lines) AS x(sku text, qty int, serials text[], "amountKopecks" bigint)
       ), r AS (
         INSERT INTO refunds (id, sale_id, order_code, branch_id, device_id, transaction_id, receipt_number, staff_session_id, method, amount_kopecks, occurred_at)
         SELECT v.id, v."saleId", v."orderCode", $3, $2, v."txId", v."receiptNumber", v."staffSessionId", v.method, v."amountKopecks", v."occurredAt" FROM v
       ), rl AS (
         INSERT INTO refund_lines (refund_id, sku, qty, serials, amount_kopecks)
         SELECT x.id, x.sku, x.qty, coalesce(x.serials, '{}'), x."amountKopecks" FROM x
       ), units AS (
         UPDATE sale_lines l SET refunded_qty = l.refunded_qty + t.qty
         FROM (SELECT "saleId", sku, sum(qty)::int AS qty FROM x WHERE "saleId" IS NOT NULL GROUP BY "saleId", sku) t
         WHERE l.sale_id = t."saleId" AND l.sku = t.sku
       ), returned AS (
         UPDATE sold_serials s SET refunded_at = t."occurredAt"
         FROM (SELECT "saleId", sku, "occurredAt", unnest(serials) AS serial FROM x WHERE "saleId" IS NOT NULL AND serials IS NOT NULL) t
         WHERE s.sale_id = t."saleId" AND s.sku = t.sku AND s.serial = t.serial
       )
       INSERT INTO receipts (number, device_id, branch_id, transaction_id, order_code, total_kopecks, issued_at, kind)
       SELECT v."receiptNumber", $2, $3, v."txId", v."orderCode", v."amountKopecks", v."occurredAt", 'refund' FROM v`,
      [JSON.stringify(refunds), device.id, device.branchId],
    );
  },
};
export type RefundRepo = typeof refundRepo;
