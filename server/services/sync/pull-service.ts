import type { Db } from '../../db/db';
import type { PullResponse } from '../../../shared/protocol';
import { ValidationError } from '../../errors';
import { textProblem } from '../../../shared/protocol/safe-input';
import type { BranchRepo } from '../../repositories/branch-repo';
import type { DeviceRow } from '../../repositories/device-repo';
import { toOrder, type OrderRepo, type Position } from '../../repositories/order-repo';
import type { CustomerRepo } from '../../repositories/customer-repo';
import { pullHorizon } from '../../repositories/pull-horizon';
import { toProduct, type ProductRepo } from '../../repositories/product-repo';

/**
 * Pull pages by (change_xid, key): the id of the database transaction that last wrote a
 * row. A plain sequence number would lose rows: transaction A takes number 5, B takes 6
 * and commits first, a pull returns 6 and moves past 5 before A commits. Instead a pull
 * only returns rows written before its horizon: the oldest writer of pulled rows still
 * running (pull-horizon.ts, migrations/028_pull_horizon.sql), so nothing can later appear
 * behind the cursor. Only okno's own transactions count, each a few milliseconds: a
 * backup, a report or a session left open in psql delays no pull.
 */

/**
 * Ledger lines a pull page carries at most (about 1 MB), unless its first card holder
 * alone has more: a holding is sent whole (customer-repo.ts says why), the rest page.
 */
export const PASSBOOK_LINES_PER_PULL = 5_000;

/**
 * Where a device's pull stopped. Version 2 pages the card holders by their card's keyed
 * hash (024_branch_hash_key.sql): the cursor is kept on the device and written to the
 * server's log as a query string, so it names no card number. A version 1 cursor named
 * the last card by its number and was issued while devices got unkeyed hashes: its orders
 * and card holders start again from the beginning, so the device gets them all keyed (its
 * products go on where they were).
 */
type Cursor = { v: 2; orders: Position; products: Position; passbooks: Position };
const START: Position = ['0', ''];

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor {
  if (!text) return { v: 2, orders: START, products: START, passbooks: START };
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { v: unknown; orders: unknown; products: unknown; passbooks?: unknown };
    // An xid8 fits in 19 digits; the key is an order code or a SKU (safe text, 40 at most), or a card's keyed hash.
    const ok = (p: unknown, key: (k: string) => boolean) => Array.isArray(p) && p.length === 2 && /^\d{1,19}$/.test(String(p[0])) && BigInt(String(p[0])) < 2n ** 63n
      && typeof p[1] === 'string' && key(p[1]);
    const safeKey = (k: string) => k.length <= 40 && textProblem(k) === null;
    const cardKey = (k: string) => k === '' || /^[0-9a-f]{64}$/.test(k);
    if (c.v === 2 && ok(c.orders, safeKey) && ok(c.products, safeKey) && ok(c.passbooks, cardKey)) return c as Cursor;
    if (c.v === 1 && ok(c.products, safeKey)) return { v: 2, orders: START, products: c.products as Position, passbooks: START };
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('cursor: not a cursor this server issued; pull again without one', 'cursor');
}

export type PullDeps = {
  db: Db;
  branches: Pick<BranchRepo, 'findInfo' | 'hashKey'>;
  orders: Pick<OrderRepo, 'pullPage'>;
  products: Pick<ProductRepo, 'pullPage'>;
  customers: Pick<CustomerRepo, 'pullPage'>;
  /** how long kiosks keep picked-up orders and their paper (OKNO_KIOSK_RETENTION_DAYS) */
  retentionDays?: number;
  /** OKNO_DEVICE_KEEP_SETTLED_DAYS: how long devices keep what the server acknowledged, to push it again after a restore */
  keepSettledDays?: number;
  /** OKNO_PASSBOOK_FULL_LINES: past this many new lines, a printout summarises the older ones */
  passbookFullLines?: number;
};

export function createPullService({ db, branches, orders, products, customers, retentionDays = 30, keepSettledDays = 7, passbookFullLines = 30 }: PullDeps) {
  return {
    async pull(device: DeviceRow, cursorText: string | undefined, limit: number): Promise<PullResponse> {
      const cursor = decodeCursor(cursorText);
      const [branch, hashKey] = await Promise.all([branches.findInfo(db, device.branchId), branches.hashKey(db, device.branchId)]);
      if (!branch || !hashKey) throw new Error(`device ${device.id} points at a missing branch`);
      const horizon = await pullHorizon(db);
      const orderRows = await orders.pullPage(db, device.branchId, cursor.orders, limit, horizon);
      const productRows = await products.pullPage(db, cursor.products, limit, horizon);
      // Card holders are a kiosk's: a tablet prints no passbook.
      const passbooks = device.role === 'kiosk'
        ? await customers.pullPage(db, device.branchId, cursor.passbooks, limit, PASSBOOK_LINES_PER_PULL, horizon)
        : { holdings: [], more: false };
      const passbookPage = passbooks.holdings;
      const lastPassbook = passbookPage.at(-1);
      const orderPage = orderRows.slice(0, limit);
      const productPage = productRows.slice(0, limit);
      const lastOrder = orderPage.at(-1);
      const lastProduct = productPage.at(-1);
      const next: Cursor = {
        v: 2,
        orders: lastOrder ? [lastOrder.xid, lastOrder.code] : cursor.orders,
        products: lastProduct ? [lastProduct.xid, lastProduct.sku] : cursor.products,
        passbooks: lastPassbook ? [lastPassbook.xid, lastPassbook.cardHash] : cursor.passbooks,
      };
      const changes: PullResponse['changes'] = {
        orders: orderPage.map(toOrder),
        products: productPage.map(toProduct),
        passbooks: passbookPage.map(({ xid: _xid, ...holding }) => holding),
      };
      return {
        cursor: encodeCursor(next),
        hasMore: orderRows.length > limit || productRows.length > limit || passbooks.more,
        serverTime: new Date().toISOString(),
        branch,
        changes,
        retentionDays,
        keepSettledDays,
        deviceLastSeq: device.maxSeq,
        passbookFullLines,
        hashKey,
      };
    },
  };
}
export type PullService = ReturnType<typeof createPullService>;
