import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { seedDemo } from '../../server/seed/seed-demo';
import { buildServices } from '../../server/services';
import { isValidEan13 } from '../../shared/domain/ean13';
import { isValidInn } from '../../shared/domain/inn';
import { DEMO_BRANCH } from '../../server/seed/demo-data';
import { createTestDb } from './support/test-db';

let db: Db;
beforeEach(async () => {
  db = await createTestDb();
});
afterEach(() => db.close());

const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;

describe('demo data', () => {
  it('is a realistic Russian electronics branch, loaded once', async () => {
    expect(await seedDemo(db, buildServices(db))).toEqual({ created: true });
    expect(isValidInn(DEMO_BRANCH.inn)).toBe(true);
    const products = (await db.query<{ ean13: string; name: string; price: number; w: number }>(
      'SELECT ean13, name_ru AS name, price_kopecks AS price, warranty_months AS w FROM products')).rows;
    expect(products.length).toBeGreaterThanOrEqual(200);
    expect(products.every((p) => isValidEan13(p.ean13) && p.price > 0 && /[а-яё]/i.test(p.name))).toBe(true);
    expect(products.filter((p) => p.w > 0).length).toBeGreaterThan(150);
    expect(await count("SELECT count(*)::int AS n FROM pickup_orders WHERE status = 'ready'")).toBeGreaterThanOrEqual(50);
    expect(await count('SELECT count(DISTINCT customer_id)::int AS n FROM ledger_entries')).toBeGreaterThanOrEqual(10);
    expect(await count('SELECT count(*)::int AS n FROM ledger_entries WHERE balance_kopecks < 0')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM staff')).toBe(3);
    expect(await count("SELECT count(*)::int AS n FROM staff WHERE role = 'supervisor'")).toBe(1);
    expect(await seedDemo(db, buildServices(db))).toEqual({ created: false });
    expect(await count('SELECT count(*)::int AS n FROM products')).toBe(products.length);
  }, 60_000);
});
