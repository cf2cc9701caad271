import { randomBytes } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { IdentityStore } from '../../renderer/db/identity-store';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { findForDesk } from '../../renderer/staff/find-orders';
import type { ApiClient } from '../../renderer/sync/api-client';
import { makeOrderCode } from '../../shared/domain/order-code';
import { phoneLast4Message } from '../../shared/domain/phone-check';
import type { Order } from '../../shared/protocol';
import { importHashKey } from '../../renderer/hashing/keyed-hash';
import { keyedHash } from '../support/branch-hash';

/** The branch's hash key, as the tablet's pull brings it: the order's phone-digit hash is keyed with it. */
const KEY = randomBytes(32);

const order = (n: number, shortName: string, last4: string, status: Order['status'] = 'ready'): Order => {
  const code = makeOrderCode(n);
  return {
    code, status, customerShortName: shortName, phoneMasked: `+7 ••• •••-••-${last4.slice(2)}`, phoneLast4Hash: keyedHash(KEY, phoneLast4Message(code, last4)),
    scanSecretHash: null, items: [], totalKopecks: 100, paid: true, shelf: null, source: null, updatedAt: '2026-11-30T10:00:00.000Z',
  };
};

async function desk(orders: Order[], options: { key?: boolean } = {}) {
  const db = new KioskDb(`desk-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.orders.bulkPut(orders);
  if (options.key ?? true) await db.putSetting('hashKey', await importHashKey(KEY.toString('base64url')));
  // Never enrolled: nothing is asked of a server, only the tablet's cache answers.
  const api = { order: async () => undefined } as unknown as ApiClient;
  return (query: Partial<{ code: string; initial: string; last4: string }>) =>
    findForDesk({ db, identity: new IdentityStore(db), api }, { code: '', initial: '', last4: '', ...query });
}

/** The order desk's look-up on the tablet (renderer/staff/find-orders.ts), offline, from the cache. */
describe('finding an order at the desk', () => {
  const orders = [order(1, 'Иван П.', '4567'), order(2, 'Пётр Ё.', '1234'), order(3, 'Мария П.', '4567'), order(4, 'Ольга П.', '4567', 'picked_up')];

  it('by the last name’s initial (any case, Ё as Е) and the phone’s last 4 digits: every ready order that matches', async () => {
    const find = await desk(orders);
    const codes = async (initial: string, last4: string) => {
      const found = await find({ initial, last4 });
      return found.ok ? found.orders.map((o) => o.code).sort() : found.code;
    };
    expect(await codes('п', '4567')).toEqual([makeOrderCode(1), makeOrderCode(3)]); // not the one handed over
    expect(await codes('е', '1234')).toEqual([makeOrderCode(2)]);
    expect(await codes('Ё', '1234')).toEqual([makeOrderCode(2)]);
    expect(await codes('П', '4568')).toBe('not-found');
    expect(await codes('И', '4567')).toBe('not-found');
  });

  it('without the branch’s key (no pull yet) finds no one by the phone’s digits', async () => {
    const find = await desk(orders, { key: false });
    expect(await find({ initial: 'П', last4: '4567' })).toEqual({ ok: false, code: 'not-found' });
  });

  it('by code: checked first, then the cache; says what is wrong', async () => {
    const find = await desk(orders);
    const code = makeOrderCode(1);
    expect(await find({ code: `${code.slice(0, 4)} ${code.slice(4)}` })).toMatchObject({ ok: true, orders: [{ code }] });
    const typo = code.slice(0, 7) + String((Number(code[7]) + 1) % 10);
    expect(await find({ code: typo })).toEqual({ ok: false, code: 'check-digit' });
    expect(await find({ code: code.slice(0, 5) })).toEqual({ ok: false, code: 'length' });
    expect(await find({ code: makeOrderCode(4) })).toEqual({ ok: false, code: 'picked-up' });
    expect(await find({ code: makeOrderCode(99) })).toEqual({ ok: false, code: 'not-found' });
  });

  it('asks for a query when there is neither a code nor a letter with 4 digits', async () => {
    const find = await desk(orders);
    for (const query of [{}, { initial: 'П' }, { last4: '4567' }, { initial: 'П', last4: '456' }, { initial: '1', last4: '4567' }]) {
      expect(await find(query)).toEqual({ ok: false, code: 'query' });
    }
  });
});
