import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/db';
import { buildServices } from '../../server/services';
import { encodeCursor } from '../../server/services/sync/pull-service';
import { hashToken, newToken } from '../../server/services/tokens';
import { makeOrderCode } from '../../shared/domain/order-code';

/** A chain of `branches` branches, each with the same number of kiosks and tablets. */
export type ChainLayout = { branches: number; kiosksPerBranch: number; tabletsPerBranch: number; ordersPerKiosk: number };

export type ChainDevice = {
  id: string;
  token: string;
  deviceCode: string;
  role: 'kiosk' | 'tablet';
  branch: number;
  /** a kiosk's number in the chain (0 … kiosks-1): the orders it hands over are this modulo the kiosks */
  index: number;
  /** a tablet's signed-in staff member's session */
  session?: string;
  /** where the branch's pull stands after the seeding, as the device's morning round left it */
  cursor: string;
};

/**
 * The chain written straight into the database: 7,000 enrolments through the API would
 * time the enrolment, not the chain. The rows are the ones enrolment and sign-in write
 * (the repositories' own inserts), tokens as the server stores them (hashed). Each kiosk
 * gets `ordersPerKiosk` ready orders whose goods staff brought to it (as bench-seed.ts),
 * and each tablet a signed-in staff member so it hears the branch's staff events.
 */
export async function seedChain(db: Db, layout: ChainLayout): Promise<ChainDevice[]> {
  const { repos } = buildServices(db);
  const kiosks = layout.branches * layout.kiosksPerBranch;
  const devices: ChainDevice[] = [];
  const branchIds: string[] = [];
  await db.tx(async (q) => {
    for (let b = 0; b < layout.branches; b++) {
      const id = randomUUID();
      const code = `C${String(b).padStart(4, '0')}`;
      branchIds.push(id);
      await repos.branches.insert(q, { id, code, name: `Филиал ${b}`, legalName: 'ООО «Сеть»', inn: '7701234561', address: `г. Москва, ${b}` });
      const staffId = randomUUID();
      await repos.staff.insert(q, { id: staffId, branchId: id, employeeNo: String(100_000 + b), name: 'Ольга Иванова', role: 'associate', pinHash: null });
      const add = async (role: 'kiosk' | 'tablet', n: number) => {
        const token = newToken('okd');
        const device: ChainDevice = { id: randomUUID(), token, deviceCode: `${code}-${role === 'kiosk' ? 'K' : 'T'}${String(n + 1).padStart(2, '0')}`, role, branch: b, index: role === 'kiosk' ? b * layout.kiosksPerBranch + n : -1, cursor: '' };
        await repos.devices.insert(q, { id: device.id, branchId: id, code: device.deviceCode, role, tokenHash: hashToken(token), place: null });
        if (role === 'tablet') {
          device.session = newToken('oks');
          await repos.staff.insertSession(q, { id: randomUUID(), staffId, deviceId: device.id, tokenHash: hashToken(device.session), expiresAt: new Date(Date.now() + 24 * 3600_000) });
        }
        devices.push(device);
      };
      for (let k = 0; k < layout.kiosksPerBranch; k++) await add('kiosk', k);
      for (let t = 0; t < layout.tabletsPerBranch; t++) await add('tablet', t);
    }
  });
  const kioskIds = devices.filter((d) => d.role === 'kiosk').map((d) => d.id);
  const items = JSON.stringify([{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199000 }]);
  const total = kiosks * layout.ordersPerKiosk;
  const chunk = 50_000;
  for (let start = 0; start < total; start += chunk) {
    const numbers = Array.from({ length: Math.min(chunk, total - start) }, (_, i) => start + i);
    // Order n is handed over by kiosk n mod kiosks, in that kiosk's branch.
    await db.query(
      `INSERT INTO pickup_orders (code, branch_id, customer_short_name, phone_masked, phone_last4_hash, items, total_kopecks, paid, status)
       SELECT c, ($3::uuid[])[(n % $4) / $5 + 1], 'Иван П.', '+7 ••• •••-••-67', encode(sha256('4567'), 'hex'), $2::jsonb, 199000, true, 'ready'
       FROM unnest($1::text[], $6::int[]) AS v(c, n)`,
      [numbers.map(makeOrderCode), items, branchIds, kiosks, layout.kiosksPerBranch, numbers],
    );
    await db.query(
      `INSERT INTO pickup_waits (order_code, device_id, status, waited_at, brought_at)
       SELECT c, ($2::uuid[])[(n % $3) + 1], 'brought', now(), now() FROM unnest($1::text[], $4::int[]) AS v(c, n)`,
      [numbers.map(makeOrderCode), kioskIds, kiosks, numbers],
    );
  }
  // Every device pulled this morning: its cursor stands after the branch's last order.
  const { rows } = await db.query<{ branch_id: string; xid: string; code: string }>(
    `SELECT DISTINCT ON (branch_id) branch_id, change_xid::text AS xid, code FROM pickup_orders ORDER BY branch_id, change_xid DESC, code DESC`,
  );
  const cursorOf = new Map(rows.map((r) => [r.branch_id, encodeCursor({ v: 2, orders: [r.xid, r.code], products: ['0', ''], passbooks: ['0', ''] })]));
  for (const d of devices) d.cursor = cursorOf.get(branchIds[d.branch]!) ?? '';
  return devices;
}
