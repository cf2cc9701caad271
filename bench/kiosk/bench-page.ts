/**
 * The kiosk's own store and sync code in the browser, for bench/kiosk-bench.ts to time:
 * lookups among many cached orders, durable outbox writes, and draining the outbox.
 */
import { IdentityStore } from '../../renderer/db/identity-store';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges } from '../../renderer/db/local-changes';
import { findOrder } from '../../renderer/flows/find-order';
import { ApiClient } from '../../renderer/sync/api-client';
import { browserLocks } from '../../renderer/sync/locks';
import { SyncEngine } from '../../renderer/sync/sync-engine';
import { makeOrderCode } from '../../shared/domain/order-code';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { Order } from '../../shared/protocol';

let fetchMs = 0;
const api = new ApiClient(location.origin, async (input, init) => {
  const t0 = performance.now();
  const res = await fetch(input, init);
  await res.clone().text();
  fetchMs += performance.now() - t0;
  return res;
});
let db: KioskDb;
let identity: IdentityStore;
let orders = 0;

async function setup(options: { orders: number; token: string; deviceId: string; deviceCode: string }) {
  await new KioskDb('okno-bench').delete();
  db = new KioskDb('okno-bench');
  identity = new IdentityStore(db);
  await db.putSetting('identity', { token: options.token, deviceId: options.deviceId, deviceCode: options.deviceCode, branchCode: 'BNCH' });
  orders = options.orders;
  const now = new Date().toISOString();
  for (let start = 0; start < orders; start += 5000) {
    const chunk: Order[] = [];
    for (let i = start; i < Math.min(orders, start + 5000); i++) {
      chunk.push({
        code: makeOrderCode(i), status: 'ready', customerShortName: 'Иван П.', phoneMasked: '+7 ••• •••-••-67', phoneLast4Hash: 'x', scanSecretHash: null,
        items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199_000 }], totalKopecks: 199_000, paid: true, shelf: 'B4', source: null, updatedAt: now,
      });
    }
    await db.orders.bulkPut(chunk);
  }
  return db.orders.count();
}

async function time(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return times;
}

const randomCode = () => makeOrderCode(Math.floor(Math.random() * orders));

/** What the kiosk does for a typed or scanned code: findOrder, the cache first. */
const lookups = (n: number) => time(n, async () => {
  const found = await findOrder(db, identity, api, randomCode());
  if (!found.ok) throw new Error('bench order not found');
});

/** The raw IndexedDB read underneath, for comparison. */
const rawLookups = (n: number) => time(n, () => db.orders.get(randomCode()));

/**
 * A transaction written to the outbox as a pickup writes it: the unit of work's own
 * strict-durability transaction with the counters read and stored once.
 */
const enqueues = (n: number, deviceCode: string) => {
  const changes = new LocalChanges(db);
  return time(n, (i) => changes.run([], (change) =>
    change.enqueue('order.pickedUp', { orderCode: makeOrderCode(i), receiptNumber: formatReceiptNumber(deviceCode, i + 1), verifiedBy: 'qr' })));
};

async function drain() {
  const queued = await db.outbox.count();
  const t0 = performance.now();
  await new SyncEngine({ db, api, locks: browserLocks(), ...(new URLSearchParams(location.search).get('batch') ? { batchSize: Number(new URLSearchParams(location.search).get('batch')) } : {}) }).push();
  return { queued, ms: performance.now() - t0, fetchMs, left: await db.outbox.count(), quarantined: await db.quarantine.count() };
}

Object.assign(window, { bench: { setup, lookups, rawLookups, enqueues, drain } });
