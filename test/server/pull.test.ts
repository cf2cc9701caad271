import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../shared/protocol';
import { phoneLast4Message } from '../../shared/domain/phone-check';
import { scanSecretHash } from '../../shared/domain/scan-code';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';
import { eventually } from '../support/eventually';
import { branchHashKey, keyedHash } from '../support/branch-hash';

let s: TestServer;
let kiosk: TestDevice;
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk());
});
afterEach(() => s.close());

async function pull(device: TestDevice, query = ''): Promise<PullResponse> {
  const res = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull${query}`, headers: device.auth });
  expect(res.statusCode).toBe(200);
  return res.json() as PullResponse;
}

type Pulled = { orders: PullResponse['changes']['orders']; products: PullResponse['changes']['products']; cursor?: string; pages: number };

/**
 * Pulls page after page until `enough` holds for everything seen. A pull only returns rows
 * older than every okno transaction still running in the database, so on a shared
 * PostgreSQL another test file's open transaction (its schema's okno) can hold a fresh row
 * back for a moment (pull-service.ts): that is correct behaviour, so the tests wait rather
 * than assume.
 */
async function pullUntil(device: TestDevice, enough: (seen: Pulled) => boolean, limit = 100, cursor?: string): Promise<Pulled> {
  const seen: Pulled = { orders: [], products: [], cursor, pages: 0 };
  await eventually(async () => {
    const page = await pull(device, `?limit=${limit}${seen.cursor ? `&cursor=${seen.cursor}` : ''}`);
    seen.orders.push(...page.changes.orders);
    seen.products.push(...page.changes.products);
    seen.cursor = page.cursor;
    seen.pages++;
    return !page.hasMore && enough(seen);
  }, 'the pull to return the rows just written');
  return seen;
}
const orderCount = (n: number) => (seen: Pulled) => seen.orders.length >= n;

describe('GET /api/v1/sync/pull', () => {
  it('sends the branch’s orders with masked personal data only', async () => {
    const code = await s.putOrder('MSK1', { customerName: 'Мария Ивановна Смирнова', phone: '8 (916) 555-12-34' });
    const { orders } = await pullUntil(kiosk, orderCount(1));
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order).toMatchObject({ code, status: 'ready', customerShortName: 'Мария С.', phoneMasked: '+7 ••• •••-••-34', totalKopecks: 199_000 });
    // The phone's last 4 digits as a hash keyed with the branch's key (024_branch_hash_key.sql).
    expect(order.phoneLast4Hash).toBe(keyedHash(await branchHashKey(s.db, 'MSK1'), phoneLast4Message(code, '1234')));
    expect(JSON.stringify(order)).not.toMatch(/Смирнова|555|Ивановна/);
  });

  it('keeps only a hash of the order’s QR secret, and sends the branch’s time zone', async () => {
    const secret = 'K7M2Q9XW4P3RT6YA';
    const code = await s.putOrder('MSK1', { scanSecret: secret });
    const plain = await s.putOrder('MSK1');
    const { orders } = await pullUntil(kiosk, orderCount(2));
    const byCode = new Map(orders.map((o) => [o.code, o]));
    expect(byCode.get(code)!.scanSecretHash).toBe(scanSecretHash(code, secret));
    expect(byCode.get(plain)!.scanSecretHash).toBeNull();
    const { rows } = await s.db.query("SELECT * FROM pickup_orders WHERE code = $1", [code]);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect((await pull(kiosk)).branch.timeZone).toBe('Europe/Moscow');
    const bad = await s.app.inject({ method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: s.adminAuth, payload: {
      branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+79161234567', paid: true, scanSecret: 'short',
      items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 100 }],
    } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'scanSecret' });
  });

  it('pages through every order exactly once and then reports nothing new', async () => {
    const codes = [];
    for (let i = 0; i < 25; i++) codes.push(await s.putOrder('MSK1'));
    const { orders, cursor, pages } = await pullUntil(kiosk, orderCount(25), 7);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(orders.map((o) => o.code).sort()).toEqual([...codes].sort());
    const after = await pull(kiosk, `?cursor=${cursor}`);
    expect(after.changes.orders).toEqual([]);
    expect(after.hasMore).toBe(false);
  });

  it('round trip: a pickup pushed by one kiosk reaches another kiosk’s next pull as picked_up', async () => {
    const other = await s.enroll('MSK1');
    const code = await s.putOrder('MSK1');
    const first = await pullUntil(other, orderCount(1));
    expect(first.orders.map((o) => o.status)).toEqual(['ready']);
    await s.push(kiosk, [s.pickup(kiosk, code)]);
    const next = await pullUntil(other, orderCount(1), 100, first.cursor);
    expect(next.orders).toHaveLength(1);
    expect(next.orders[0]).toMatchObject({ code, status: 'picked_up' });
  });

  it('sends an order again when the shop changes it (cancelled after the first pull)', async () => {
    const code = await s.putOrder('MSK1');
    const first = await pullUntil(kiosk, orderCount(1));
    const res = await s.app.inject({
      method: 'PUT', url: `/api/v1/admin/orders/${code}`, headers: s.adminAuth,
      payload: { branchCode: 'MSK1', customerName: 'Иван Петрович Петров', phone: '+7 916 123-45-67', items: [{ sku: 'SKU-1', name: 'Чайник электрический', quantity: 1, priceKopecks: 199_000 }], paid: true, status: 'cancelled' },
    });
    expect(res.statusCode).toBeLessThan(300);
    const next = await pullUntil(kiosk, orderCount(1), 100, first.cursor);
    expect(next.orders).toEqual([expect.objectContaining({ code, status: 'cancelled' })]);
  });

  it('never sends another branch’s orders, and refuses to pull for another branch (403)', async () => {
    await s.addBranch('SPB1');
    await s.putOrder('SPB1');
    const mine = await s.putOrder('MSK1');
    expect((await pullUntil(kiosk, orderCount(1))).orders.map((o) => o.code)).toEqual([mine]);
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull?branch=SPB1', headers: kiosk.auth });
    expect(res.statusCode).toBe(403);
  });

  it('sends catalogue products to every branch', async () => {
    const res = await s.app.inject({
      method: 'PUT', url: '/api/v1/admin/products/SKU-77', headers: s.adminAuth,
      payload: { ean13: '4601234567893', nameRu: 'Тонометр Omron M2', nameEn: 'Blood pressure monitor Omron M2', priceKopecks: 349_000, warrantyMonths: 36, serialRequired: true },
    });
    expect(res.statusCode).toBe(200);
    const { products } = await pullUntil(kiosk, (seen) => seen.products.length >= 1);
    expect(products).toEqual([expect.objectContaining({ sku: 'SKU-77', ean13: '4601234567893', priceKopecks: 349_000, warrantyMonths: 36 })]);
  });

  it('answers a cursor it did not issue with 400 naming the cursor', async () => {
    const res = await s.app.inject({ method: 'GET', url: '/api/v1/sync/pull?cursor=bm9wZQ', headers: kiosk.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'cursor' });
  });
});
