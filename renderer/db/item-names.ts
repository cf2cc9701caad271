import type { Lang } from '../../shared/domain/money';
import type { OrderItem } from '../../shared/protocol';
import type { KioskDb } from './kiosk-db';

/**
 * The shop sends an order's item names in Russian. In English the catalogue's English
 * name is used where the kiosk has the product; otherwise the Russian name stays, which
 * is still the right product.
 */
export async function itemNames(db: KioskDb, items: OrderItem[], lang: Lang): Promise<Map<string, string>> {
  const names = new Map(items.map((i) => [i.sku, i.name]));
  if (lang === 'ru') return names;
  const products = await db.products.bulkGet(items.map((i) => i.sku));
  for (const p of products) if (p) names.set(p.sku, p.nameEn);
  return names;
}
