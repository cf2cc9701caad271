import type { Queryable } from '../db/db';
import type { HandedOverLine, HandoverRecord } from '../../shared/protocol/returns';
import type { TakeBackSource } from './refund-repo';

/**
 * An order's lines as a return reads them, in the order's own order: one per SKU (an order
 * listing a product twice is one line of all its units, at the lower price: never more
 * paid back than the customer paid for what came back), with the catalogue's word on
 * serial numbers and what came back already (refunds naming the order).
 */
const LINES = `(SELECT coalesce(json_agg(json_build_object('sku', i.sku, 'name', i.name, 'qty', i.qty, 'priceKopecks', i.price,
     'serials', '[]'::json, 'serialRequired', coalesce(p.serial_required, false),
     'refundedQty', (SELECT coalesce(sum(rl.qty), 0)::int FROM refunds f JOIN refund_lines rl ON rl.refund_id = f.id WHERE f.order_code = o.code AND rl.sku = i.sku),
     'refundedSerials', (SELECT coalesce(json_agg(s.serial), '[]') FROM refunds f JOIN refund_lines rl ON rl.refund_id = f.id, unnest(rl.serials) AS s(serial)
                         WHERE f.order_code = o.code AND rl.sku = i.sku)) ORDER BY i.first), '[]')
   FROM (SELECT e.item->>'sku' AS sku, min(e.n) AS first, min(e.item->>'name') AS name, sum((e.item->>'quantity')::int)::int AS qty,
                min((e.item->>'priceKopecks')::bigint) AS price
         FROM jsonb_array_elements(o.items) WITH ORDINALITY AS e(item, n) GROUP BY 1) i
   LEFT JOIN products p ON p.sku = i.sku)`;

/** How the order was paid: at the desk (order.paid), or else online when it was ordered. */
const PAID_BY = `coalesce((SELECT p.method FROM order_payments p WHERE p.order_code = o.code), 'online')`;

type LineRow = Omit<HandedOverLine, 'priceKopecks'> & { priceKopecks: number | string };

/** A pickup order as a return finds it: whose branch, whether it was handed over, and the record if it was. */
export type FoundHandover = { branchId: string; branchName: string; status: 'ready' | 'picked_up' | 'cancelled'; record: HandoverRecord | null };

/** A handed-over order locked for its returns. */
export type LockedHandover = TakeBackSource & { code: string; status: 'ready' | 'picked_up' | 'cancelled' };

/** Pickup orders the branch handed over, as returns of their goods need them. */
export const handoverRepo = {
  /** An order by its code, any branch's (the caller tells another branch's apart), with its handover and what came back. */
  async findByCode(q: Queryable, code: string): Promise<FoundHandover | null> {
    const { rows } = await q.query<{ branchId: string; branchName: string; status: FoundHandover['status']; receiptNumber: string | null; at: Date | null; device: string | null; paidBy: 'online' | 'cash' | 'card'; lines: LineRow[] }>(
      `SELECT o.branch_id AS "branchId", b.name AS "branchName", o.status, r.number AS "receiptNumber", o.picked_up_at AS at, d.code AS device,
              ${PAID_BY} AS "paidBy", ${LINES} AS lines
       FROM pickup_orders o JOIN branches b ON b.id = o.branch_id
         -- The handover's receipt by its transaction's number: primary keys all the way.
         LEFT JOIN transactions t ON t.id = o.picked_up_tx
         LEFT JOIN receipts r ON r.number = t.payload->>'receiptNumber'
         LEFT JOIN devices d ON d.id = o.picked_up_device
       WHERE o.code = $1`,
      [code],
    );
    const row = rows[0];
    if (!row) return null;
    const handedOver = row.status === 'picked_up' && row.receiptNumber !== null && row.at !== null;
    return {
      branchId: row.branchId, branchName: row.branchName, status: row.status,
      record: handedOver ? {
        orderCode: code, receiptNumber: row.receiptNumber!, handedOverAt: row.at!.toISOString(), handedOverOn: row.device ?? '', paidBy: row.paidBy,
        lines: row.lines.map((l) => ({ ...l, priceKopecks: Number(l.priceKopecks) })),
      } : null,
    };
  },

  /** The order a handover receipt names, and the branch that issued any document of that number (a sale's, a slip's): null when none did. */
  async documentOf(q: Queryable, number: string): Promise<{ branchId: string; branchName: string; orderCode: string | null; kind: string } | null> {
    const { rows } = await q.query<{ branchId: string; branchName: string; orderCode: string | null; kind: string }>(
      `SELECT r.branch_id AS "branchId", b.name AS "branchName", r.order_code AS "orderCode", r.kind
       FROM receipts r JOIN branches b ON b.id = r.branch_id WHERE r.number = $1`,
      [number],
    );
    return rows[0] ?? null;
  },

  /** The branch of a sale by its id (a receipt's QR), any branch's. */
  async saleBranch(q: Queryable, saleId: string): Promise<{ branchId: string; branchName: string } | null> {
    const { rows } = await q.query<{ branchId: string; branchName: string }>(
      'SELECT s.branch_id AS "branchId", b.name AS "branchName" FROM sales s JOIN branches b ON b.id = s.branch_id WHERE s.id = $1::uuid',
      [saleId],
    );
    return rows[0] ?? null;
  },

  /**
   * A page of the branch's handover receipt numbers, newest first, after `before` (the last
   * number of the page before). A pickup receipt's QR names its paper id, which is made
   * from the number by a one-way hash (shared/domain/paper-id.ts): the service finds it by
   * hashing these, the latest first, where returns mostly are.
   */
  async handoverNumbers(q: Queryable, branchId: string, before: { issuedAt: string; number: string } | null, limit: number): Promise<{ issuedAt: string; number: string }[]> {
    const { rows } = await q.query<{ issuedAt: Date; number: string }>(
      `SELECT issued_at AS "issuedAt", number FROM receipts
       WHERE branch_id = $1 AND kind = 'pickup' AND ($2::timestamptz IS NULL OR (issued_at, number) < ($2::timestamptz, $3::text))
       ORDER BY issued_at DESC, number DESC LIMIT $4`,
      [branchId, before?.issuedAt ?? null, before?.number ?? null, limit],
    );
    return rows.map((r) => ({ issuedAt: r.issuedAt.toISOString(), number: r.number }));
  },

  /**
   * Locks the orders a run of returns touches, in a fixed order, then reads them: two
   * statements, as saleRepo.lockSales, so what came back is read after another tablet's
   * return of the same order committed.
   */
  async lockForReturn(q: Queryable, codes: string[]): Promise<Map<string, LockedHandover>> {
    if (codes.length === 0) return new Map();
    await q.query('SELECT code FROM pickup_orders WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE', [[...codes].sort()]);
    const { rows } = await q.query<{ code: string; branchId: string; status: LockedHandover['status']; customerCard: string | null; method: 'online' | 'cash' | 'card'; lines: LineRow[] }>(
      `SELECT o.code, o.branch_id AS "branchId", o.status, o.customer_card AS "customerCard", ${PAID_BY} AS method, ${LINES} AS lines
       FROM pickup_orders o WHERE o.code = ANY($1::text[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, {
      code: r.code, branchId: r.branchId, status: r.status, customerCard: r.customerCard, method: r.method,
      lines: new Map(r.lines.map((l) => [l.sku, {
        qty: l.qty, refundedQty: l.refundedQty, priceKopecks: Number(l.priceKopecks), serials: [], refundedSerials: new Set(l.refundedSerials), serialRequired: l.serialRequired,
      }])),
    }]));
  },
};
export type HandoverRepo = typeof handoverRepo;
