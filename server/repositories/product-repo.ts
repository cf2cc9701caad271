import type { Queryable } from '../db/db';
import type { Product, ProductInput } from '../../shared/protocol';

export type ProductRow = Omit<Product, 'updatedAt' | 'model'> & { model: string | null; updatedAt: Date; xid: string };

export const PRODUCT_COLUMNS = `sku, ean13, name_ru AS "nameRu", name_en AS "nameEn", model,
  price_kopecks AS "priceKopecks", warranty_months AS "warrantyMonths",
  serial_required AS "serialRequired", updated_at AS "updatedAt", change_xid::text AS xid`;

export function toProduct(row: ProductRow): Product {
  const { xid: _xid, updatedAt, model, ...rest } = row;
  return { ...rest, ...(model ? { model } : {}), updatedAt: updatedAt.toISOString() };
}

export async function upsertProducts(q: Queryable, products: (ProductInput & { sku: string })[]): Promise<void> {
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
}
