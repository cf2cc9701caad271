import { randomUUID } from 'node:crypto';
import type { Db } from '../server/db/db';
import { buildServices } from '../server/services';
import { makeOrderCode } from '../shared/domain/order-code';

export type BenchDevice = { token: string; deviceCode: string };

/** One branch, `devices` enrolled kiosks, and `orders` ready orders numbered 0 … orders-1. */
export async function seedBench(db: Db, devices: number, orders: number): Promise<BenchDevice[]> {
  const services = buildServices(db);
  await services.repos.branches.insert(db, { id: randomUUID(), code: 'BNCH', name: 'Bench', legalName: 'Bench', inn: '7701234561', address: '-' });
  const enrolled: BenchDevice[] = [];
  for (let i = 0; i < devices; i++) {
    const { code } = await services.enrollment.createCode({ branchCode: 'BNCH' });
    const e = await services.enrollment.enroll(code);
    enrolled.push({ token: e.token, deviceCode: e.deviceCode });
  }
  const items = JSON.stringify([{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199000 }]);
  const chunk = 50_000;
  for (let start = 0; start < orders; start += chunk) {
    const codes = Array.from({ length: Math.min(chunk, orders - start) }, (_, i) => makeOrderCode(start + i));
    await db.query(
      `INSERT INTO pickup_orders (code, branch_id, customer_short_name, phone_masked, phone_last4_hash, items, total_kopecks, paid, status)
       SELECT c, (SELECT id FROM branches WHERE code = 'BNCH'), 'Иван П.', '+7 ••• •••-••-67', 'x', $2::jsonb, 199000, true, 'ready'
       FROM unnest($1::text[]) AS c`,
      [codes, items],
    );
  }
  return enrolled;
}
