import { randomUUID } from 'node:crypto';
import type { Db } from '../server/db/db';
import { buildServices } from '../server/services';
import { ean13CheckDigit } from '../shared/domain/ean13';
import { makeOrderCode } from '../shared/domain/order-code';

export type BenchDevice = { token: string; deviceCode: string };

/** The products a bench sale sells: three, at fixed prices, no serial numbers. */
export const BENCH_PRODUCTS = [
  { sku: 'BENCH-1', priceKopecks: 199_000 },
  { sku: 'BENCH-2', priceKopecks: 45_050 },
  { sku: 'BENCH-3', priceKopecks: 1_299_000 },
] as const;
export const BENCH_SUPERVISOR = { employeeNo: '9001', pin: '2468' };

/** `tablets` enrolled tablets of the bench branch, the products they sell, and a supervisor to sign in. */
export async function seedTablets(db: Db, tablets: number): Promise<BenchDevice[]> {
  const services = buildServices(db);
  await services.repos.products.upsertMany(db, BENCH_PRODUCTS.map((p, i) => ({
    sku: p.sku, ean13: `46099999999${i}${ean13CheckDigit(`46099999999${i}`)}`, nameRu: p.sku, nameEn: p.sku, priceKopecks: p.priceKopecks, warrantyMonths: 0, serialRequired: false,
  })));
  await services.staff.add({ branchCode: 'BNCH', employeeNo: BENCH_SUPERVISOR.employeeNo, name: 'Bench Supervisor', role: 'supervisor', pin: BENCH_SUPERVISOR.pin });
  const enrolled: BenchDevice[] = [];
  for (let i = 0; i < tablets; i++) {
    const { code } = await services.enrollment.createCode({ branchCode: 'BNCH', role: 'tablet' });
    const e = await services.enrollment.enroll(code);
    enrolled.push({ token: e.token, deviceCode: e.deviceCode });
  }
  return enrolled;
}

/** One branch, `devices` enrolled kiosks, and `orders` ready orders numbered 0 … orders-1, each brought to the kiosk that will hand it over. */
export async function seedBench(db: Db, devices: number, orders: number): Promise<BenchDevice[]> {
  const services = buildServices(db);
  await services.repos.branches.insert(db, { id: randomUUID(), code: 'BNCH', name: 'Bench', legalName: 'Bench', inn: '7701234561', address: '-' });
  const enrolled: BenchDevice[] = [];
  const ids: string[] = [];
  for (let i = 0; i < devices; i++) {
    const { code } = await services.enrollment.createCode({ branchCode: 'BNCH' });
    const e = await services.enrollment.enroll(code);
    enrolled.push({ token: e.token, deviceCode: e.deviceCode });
    ids.push(e.deviceId);
  }
  const items = JSON.stringify([{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199000 }]);
  const chunk = 50_000;
  for (let start = 0; start < orders; start += chunk) {
    const codes = Array.from({ length: Math.min(chunk, orders - start) }, (_, i) => makeOrderCode(start + i));
    await db.query(
      `INSERT INTO pickup_orders (code, branch_id, customer_short_name, phone_masked, phone_last4_hash, items, total_kopecks, paid, status)
       SELECT c, (SELECT id FROM branches WHERE code = 'BNCH'), 'Иван П.', '+7 ••• •••-••-67', encode(sha256('4567'), 'hex'), $2::jsonb, 199000, true, 'ready'
       FROM unnest($1::text[]) AS c`,
      [codes, items],
    );
    // Staff brought each order's goods to the kiosk that hands it over: order n to kiosk n mod `devices` (load.ts).
    await db.query(
      `INSERT INTO pickup_waits (order_code, device_id, status, waited_at, brought_at)
       SELECT c, ($3::uuid[])[((($2::int + o - 1) % $4) + 1)], 'brought', now(), now() FROM unnest($1::text[]) WITH ORDINALITY AS v(c, o)`,
      [codes, start, ids, devices],
    );
  }
  return enrolled;
}
