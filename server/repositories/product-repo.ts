import type { Queryable } from '../db/db';
import type { Product, ProductInput } from '../../shared/protocol';
import type { Position } from './order-repo';

export type ProductRow = Omit<Product, 'updatedAt' | 'model'> & { model: string | null; updatedAt: Date; xid: string };

const PRODUCT_COLUMNS = `sku, ean13, name_ru AS "nameRu", name_en AS "nameEn", model,
  price_kopecks AS "priceKopecks", warranty_months AS "warrantyMonths",
  serial_required AS "serialRequired", updated_at AS "updatedAt", change_xid::text AS xid`;

export function toProduct(row: ProductRow): Product {
  const { xid: _xid, updatedAt, model, ...rest } = row;
  return { ...rest, ...(model ? { model } : {}), updatedAt: updatedAt.toISOString() };
}

export const productRepo = {
  /** Inserts or replaces products; an EAN-13 another SKU carries fails with a unique violation. */
  async upsertMany(q: Queryable, products: (ProductInput & { sku: string })[]): Promise<void> {
    if (products.length === 0) return;
    await q.query(
      `INSERT INTO products (sku, ean13, name_ru, name_en, model, price_kopecks, warranty_months, serial_required)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::int[], $8::bool[])
       ON CONFLICT (sku) DO UPDATE SET ean13 = EXCLUDED.ean13, name_ru = EXCLUDED.name_ru,
         name_en = EXCLUDED.name_en, model = EXCLUDED.model, price_kopecks = EXCLUDED.price_kopecks,
         warranty_months = EXCLUDED.warranty_months, serial_required = EXCLUDED.serial_required`,
      [
        products.map((p) => p.sku),
        products.map((p) => p.ean13),
        products.map((p) => p.nameRu),
        products.map((p) => p.nameEn),
        products.map((p) => p.model ?? null),
        products.map((p) => p.priceKopecks),
        products.map((p) => p.warrantyMonths),
        products.map((p) => p.serialRequired),
      ],
    );
  },

  /** One page of the catalogue after `after` and before the `horizon` (pull-horizon.ts), in (change_xid, sku) order; `limit + 1` rows. */
  async pullPage(q: Queryable, after: Position, limit: number, horizon: string): Promise<ProductRow[]> {
    const { rows } = await q.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS} FROM products
       WHERE (change_xid, sku) > ($1::xid8, $2) AND change_xid < $4::xid8
       ORDER BY change_xid, sku LIMIT $3`,
      [after[0], after[1], limit + 1, horizon],
    );
    return rows;
  },
};
export type ProductRepo = typeof productRepo;
