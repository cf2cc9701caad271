import type { Queryable } from '../db/db';
import type { Order, OrderItem, OrderStatus } from '../../shared/protocol';

export type OrderRow = {
  code: string;
  branchId: string;
  status: OrderStatus;
  customerShortName: string;
  phoneMasked: string;
  phoneLast4Hash: string;
  items: OrderItem[];
  totalKopecks: number;
  paid: boolean;
  shelf: string | null;
  source: string | null;
  updatedAt: Date;
  xid: string;
};

export const ORDER_COLUMNS = `code, branch_id AS "branchId", status, customer_short_name AS "customerShortName",
  phone_masked AS "phoneMasked", phone_last4_hash AS "phoneLast4Hash", items, total_kopecks AS "totalKopecks",
  paid, shelf, source, updated_at AS "updatedAt", change_xid::text AS xid`;

export function toOrder(row: OrderRow): Order {
  return {
    code: row.code,
    status: row.status,
    customerShortName: row.customerShortName,
    phoneMasked: row.phoneMasked,
    phoneLast4Hash: row.phoneLast4Hash,
    items: row.items,
    totalKopecks: row.totalKopecks,
    paid: row.paid,
    shelf: row.shelf,
    source: row.source,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findOrder(q: Queryable, code: string): Promise<(Order & { branchId: string }) | null> {
  const { rows } = await q.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM pickup_orders WHERE code = $1`, [code]);
  const row = rows[0];
  return row ? { ...toOrder(row), branchId: row.branchId } : null;
}

export type OrderUpsert = Omit<Order, 'updatedAt'> & { branchId: string };

export async function upsertOrder(q: Queryable, o: OrderUpsert): Promise<void> {
  await q.query(
    `INSERT INTO pickup_orders (code, branch_id, customer_short_name, phone_masked, phone_last4_hash, items,
       total_kopecks, paid, shelf, source, status)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11)
     ON CONFLICT (code) DO UPDATE SET branch_id = EXCLUDED.branch_id,
       customer_short_name = EXCLUDED.customer_short_name, phone_masked = EXCLUDED.phone_masked,
       phone_last4_hash = EXCLUDED.phone_last4_hash, items = EXCLUDED.items,
       total_kopecks = EXCLUDED.total_kopecks, paid = EXCLUDED.paid, shelf = EXCLUDED.shelf,
       source = EXCLUDED.source, status = EXCLUDED.status`,
    [o.code, o.branchId, o.customerShortName, o.phoneMasked, o.phoneLast4Hash, JSON.stringify(o.items),
      o.totalKopecks, o.paid, o.shelf, o.source, o.status],
  );
}

