import type { Queryable } from '../db/db';
import type { SaleRecord, SoldLine } from '../../shared/protocol/sales';
import type { TakeBackSource } from './refund-repo';

/** What the sale applier reads before it decides, in one round trip. */
export type SaleContext = {
  /** sale ids that exist already (a second transaction reusing one is refused) */
  existingSales: Set<string>;
  usedNumbers: Set<string>;
  /** the catalogue: price and whether the product has serial numbers, by SKU */
  products: Map<string, { priceKopecks: number; serialRequired: boolean }>;
  /** `sku serial` of units sold and not returned */
  soldSerials: Set<string>;
  /** card numbers of the branch's passbook customers named */
  cards: Set<string>;
};

export type SaleToApply = {
  id: string; txId: string; occurredAt: string; receiptNumber: string; staffSessionId: string; confirmedOn: string;
  customerCard: string | null; totalKopecks: number; flags: string[];
  lines: { sku: string; qty: number; priceKopecks: number; cataloguePriceKopecks: number; serials: string[] }[];
  payment: { method: string; amountKopecks: number; tenderedKopecks: number | null; changeKopecks: number | null; terminalRef: string | null; cardLast4: string | null };
};

/** A sale as a refund needs it, locked: its payment method and each line's price, sold and refunded units. */
export type LockedSale = TakeBackSource & { id: string; method: 'cash' | 'card' };

const key = (sku: string, serial: string) => `${sku} ${serial}`;

/** Sales of the assisted checkout (their refunds: refund-repo.ts): every write set-based, one statement a table. */
export const saleRepo = {
  serialKey: key,

  /** A sale of the branch by its receipt number or id, with what was refunded of it already. */
  async find(q: Queryable, branchId: string, key: string): Promise<SaleRecord | null> {
    const isId = /^[0-9a-f-]{36}$/i.test(key);
    const { rows } = await q.query<{ saleId: string; receiptNumber: string; method: 'cash' | 'card'; occurredAt: Date; lines: SoldLine[] }>(
      `SELECT s.id::text AS "saleId", s.receipt_number AS "receiptNumber", p.method, s.occurred_at AS "occurredAt",
              (SELECT json_agg(json_build_object('sku', l.sku, 'name', coalesce(pr.name_ru, l.sku), 'qty', l.qty, 'priceKopecks', l.price_kopecks,
                 'serials', l.serials, 'refundedQty', l.refunded_qty,
                 'refundedSerials', coalesce((SELECT array_agg(ss.serial) FROM sold_serials ss WHERE ss.sale_id = s.id AND ss.sku = l.sku AND ss.refunded_at IS NOT NULL), '{}'))
                 ORDER BY l.sku)
               FROM sale_lines l LEFT JOIN products pr ON pr.sku = l.sku WHERE l.sale_id = s.id) AS lines
       FROM sales s JOIN sale_payments p ON p.sale_id = s.id
       WHERE s.branch_id = $1 AND ${isId ? 's.id = $2::uuid' : 's.receipt_number = $2'}`,
      [branchId, key],
    );
    const row = rows[0];
    return row ? { ...row, occurredAt: row.occurredAt.toISOString(), lines: row.lines.map((l) => ({ ...l, priceKopecks: Number(l.priceKopecks) })) } : null;
  },

  async saleContext(q: Queryable, input: { branchId: string; saleIds: string[]; receiptNumbers: string[]; skus: string[]; serials: { sku: string; serial: string }[]; cards: string[] }): Promise<SaleContext> {
    const { rows } = await q.query<{ sales: string[]; used: string[]; products: { sku: string; price: number; serial: boolean }[] | null; sold: { sku: string; serial: string }[] | null; cards: string[] }>(
      `SELECT
         (SELECT coalesce(array_agg(id::text), '{}') FROM sales WHERE id = ANY($1::uuid[])) AS sales,
         (SELECT coalesce(array_agg(number), '{}') FROM receipts WHERE number = ANY($2::text[])) AS used,
         (SELECT json_agg(json_build_object('sku', sku, 'price', price_kopecks, 'serial', serial_required)) FROM products WHERE sku = ANY($3::text[])) AS products,
         (SELECT json_agg(json_build_object('sku', s.sku, 'serial', s.serial)) FROM sold_serials s
            JOIN json_to_recordset($4::json) AS v(sku text, serial text) ON s.sku = v.sku AND s.serial = v.serial
            WHERE s.refunded_at IS NULL) AS sold,
         (SELECT coalesce(array_agg(card_number), '{}') FROM customers WHERE branch_id = $6 AND card_number = ANY($5::text[])) AS cards`,
      [input.saleIds, input.receiptNumbers, input.skus, JSON.stringify(input.serials), input.cards, input.branchId],
    );
    const row = rows[0]!;
    return {
      existingSales: new Set(row.sales),
      usedNumbers: new Set(row.used),
      products: new Map((row.products ?? []).map((p) => [p.sku, { priceKopecks: Number(p.price), serialRequired: p.serial }])),
      soldSerials: new Set((row.sold ?? []).map((s) => key(s.sku, s.serial))),
      cards: new Set(row.cards),
    };
  },

  /** The sales, their lines, payments, serial numbers and receipts, in one statement. */
  async insertSales(q: Queryable, device: { id: string; branchId: string }, sales: SaleToApply[]): Promise<void> {
    if (sales.length === 0) return;
    await q.query(
      `WITH v AS (
         SELECT * FROM json_to_recordset($1::json) AS v(
           id uuid, "txId" uuid, "occurredAt" timestamptz, "receiptNumber" text, "staffSessionId" uuid, "confirmedOn" text,
           "customerCard" text, "totalKopecks" bigint, flags text[], lines json, payment json)
       ), s AS (
         INSERT INTO sales (id, branch_id, device_id, transaction_id, receipt_number, staff_session_id, confirmed_on, customer_card, total_kopecks, occurred_at, flags)
         SELECT v.id, $3, $2, v."txId", v."receiptNumber", v."staffSessionId", v."confirmedOn", v."customerCard", v."totalKopecks", v."occurredAt", v.flags FROM v
         RETURNING id
       ), l AS (
         INSERT INTO sale_lines (sale_id, sku, qty, price_kopecks, catalogue_price_kopecks, serials)
         SELECT v.id, x.sku, x.qty, x."priceKopecks", x."cataloguePriceKopecks", x.serials
         FROM v, json_to_recordset(v.lines) AS x(sku text, qty int, "priceKopecks" bigint, "cataloguePriceKopecks" bigint, serials text[])
       ), p AS (
         INSERT INTO sale_payments (sale_id, method, amount_kopecks, tendered_kopecks, change_kopecks, terminal_ref, card_last4)
         SELECT v.id, x.method, x."amountKopecks", x."tenderedKopecks", x."changeKopecks", x."terminalRef", x."cardLast4"
         FROM v, json_to_record(v.payment) AS x(method text, "amountKopecks" bigint, "tenderedKopecks" bigint, "changeKopecks" bigint, "terminalRef" text, "cardLast4" text)
       ), serials AS (
         INSERT INTO sold_serials (sku, serial, sale_id)
         SELECT x.sku, unnest(x.serials), v.id FROM v, json_to_recordset(v.lines) AS x(sku text, serials text[])
       )
       INSERT INTO receipts (number, device_id, branch_id, transaction_id, order_code, total_kopecks, issued_at, kind)
       SELECT v."receiptNumber", $2, $3, v."txId", NULL, v."totalKopecks", v."occurredAt", 'sale' FROM v`,
      [JSON.stringify(sales), device.id, device.branchId],
    );
  },

  /**
   * Locks the sales a run of refunds touches, in a fixed order, then reads their lines. Two
   * statements on purpose: under READ COMMITTED a statement that waited for a lock still
   * reads with the snapshot it started with, so the lines must be read by a statement that
   * starts after the lock is held (another tablet's refund of the same sale committed).
   */
  async lockSales(q: Queryable, saleIds: string[]): Promise<Map<string, LockedSale>> {
    if (saleIds.length === 0) return new Map();
    await q.query('SELECT id FROM sales WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [[...saleIds].sort()]);
    const { rows } = await q.query<{ id: string; branchId: string; method: 'cash' | 'card'; customerCard: string | null; lines: { sku: string; qty: number; refunded: number; price: number; serials: string[]; refundedSerials: string[] | null }[] }>(
      `SELECT s.id::text, s.branch_id AS "branchId", p.method, s.customer_card AS "customerCard",
              (SELECT json_agg(json_build_object('sku', l.sku, 'qty', l.qty, 'refunded', l.refunded_qty, 'price', l.price_kopecks, 'serials', l.serials,
                 'refundedSerials', (SELECT array_agg(ss.serial) FROM sold_serials ss WHERE ss.sale_id = s.id AND ss.sku = l.sku AND ss.refunded_at IS NOT NULL)))
               FROM sale_lines l WHERE l.sale_id = s.id) AS lines
       FROM sales s JOIN sale_payments p ON p.sale_id = s.id
       WHERE s.id = ANY($1::uuid[])`,
      [saleIds],
    );
    return new Map(rows.map((r) => [r.id, {
      id: r.id, branchId: r.branchId, method: r.method, customerCard: r.customerCard,
      // A sale knows its units' serials: those, and only those, come back by serial.
      lines: new Map(r.lines.map((l) => [l.sku, { qty: l.qty, refundedQty: l.refunded, priceKopecks: Number(l.price), serials: l.serials, refundedSerials: new Set(l.refundedSerials ?? []), serialRequired: false }])),
    }]));
  },
};
export type SaleRepo = typeof saleRepo;
