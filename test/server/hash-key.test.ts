import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../server/db/migrate';
import { cardHash, cardHashMessage } from '../../shared/domain/card-code';
import { ean13CheckDigit } from '../../shared/domain/ean13';
import { phoneLast4Hash, phoneLast4Message } from '../../shared/domain/phone-check';
import type { Order, PassbookHolding, PullResponse } from '../../shared/protocol';
import { branchHashKey, keyedHash } from '../support/branch-hash';
import { createTestDb } from './support/test-db';
import { createTestServer, type TestDevice, type TestServer } from './support/test-app';

/**
 * Issue 20, item 5: card and phone-digit hashes keyed with a secret of the branch
 * (024_branch_hash_key.sql), so what a kiosk holds cannot be enumerated without it; and
 * no card number in the pull cursor. On PGlite and PostgreSQL.
 */
let s: TestServer;
let kiosk: TestDevice;
const card = (n: number) => { const first12 = `26${String(n).padStart(10, '0')}`; return first12 + String(ean13CheckDigit(first12)); };
const CARD = card(1);

const logLines: string[] = [];
beforeEach(async () => {
  logLines.length = 0;
  s = await createTestServer({ logLines });
  await s.addBranch('MSK1');
  await s.addBranch('SPB1');
  kiosk = await s.enroll('MSK1');
});
afterEach(() => s.close());

const putCustomer = (cardNumber: string, body: object) => s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${cardNumber}`, headers: s.adminAuth, payload: body });
const pull = async (device: TestDevice, cursor?: string) => {
  const res = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull${cursor ? `?cursor=${cursor}` : ''}`, headers: device.auth });
  expect(res.statusCode).toBe(200);
  return res.json() as PullResponse;
};
/** Pulls from the start until `ok` holds for what came (on PostgreSQL a pull may hold back a row another test's open transaction could precede). */
const pullUntil = async (device: TestDevice, ok: (seen: { orders: Order[]; passbooks: PassbookHolding[] }) => boolean) => {
  const seen = { orders: [] as Order[], passbooks: [] as PassbookHolding[], cursors: [] as string[] };
  for (let i = 0; i < 100; i++) {
    const page = await pull(device, seen.cursors.at(-1));
    seen.orders.push(...page.changes.orders);
    seen.passbooks.push(...page.changes.passbooks);
    seen.cursors.push(page.cursor);
    if (!page.hasMore && ok(seen)) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the pull never brought what was written');
};
/** The keyed hash the server keeps beside a card, current or blocked. */
const cardHashOf = async (cardNumber: string) => (await s.db.query<{ h: string }>(
  'SELECT card_hash AS h FROM customers WHERE card_number = $1 UNION ALL SELECT card_hash FROM blocked_cards WHERE card_number = $1', [cardNumber])).rows[0]?.h;

describe('the branch’s hash key', () => {
  it('is 32 bytes of its own per branch; the pull gives it to kiosks and tablets; no other answer, and not the log, carries it', async () => {
    const [msk, spb] = [await branchHashKey(s.db, 'MSK1'), await branchHashKey(s.db, 'SPB1')];
    expect(msk).toHaveLength(32);
    expect(msk.equals(spb)).toBe(false);
    expect((await pull(kiosk)).hashKey).toBe(msk.toString('base64url'));
    expect((await pull(await s.enroll('MSK1', 'tablet'))).hashKey).toBe(msk.toString('base64url'));
    expect((await pull(await s.enroll('SPB1'))).hashKey).toBe(spb.toString('base64url'));
    // What else a device or the back office is answered: none of it names the key, in any encoding.
    const code = await s.putOrder('MSK1');
    const answers = [
      (await s.app.inject({ method: 'GET', url: `/api/v1/orders/${code}`, headers: kiosk.auth })).body,
      (await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' })).body,
      (await s.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body,
      logLines.join('\n'),
    ].join('\n');
    expect(logLines.length).toBeGreaterThan(3);
    for (const form of [msk.toString('base64url'), msk.toString('base64'), msk.toString('hex')]) expect(answers).not.toContain(form);
  });

  it('keys the phone-digit hash devices get, in the pull and the order look-up: the 10⁴ possible digits do not find it without the key, they do with it', async () => {
    const code = await s.putOrder('MSK1', { phone: '+7 916 123-98-76' });
    const { orders } = await pullUntil(kiosk, (seen) => seen.orders.length === 1);
    const key = await branchHashKey(s.db, 'MSK1');
    expect(orders[0]!.phoneLast4Hash).toBe(keyedHash(key, phoneLast4Message(code, '9876')));
    const looked = (await s.app.inject({ method: 'GET', url: `/api/v1/orders/${code}`, headers: kiosk.auth })).json() as Order;
    expect(looked.phoneLast4Hash).toBe(orders[0]!.phoneLast4Hash);
    const digits = Array.from({ length: 10_000 }, (_, n) => String(n).padStart(4, '0'));
    expect(digits.filter((d) => phoneLast4Hash(code, d) === looked.phoneLast4Hash)).toEqual([]);
    expect(digits.filter((d) => keyedHash(key, phoneLast4Message(code, d)) === looked.phoneLast4Hash)).toEqual(['9876']);
    // The server's own column stays as the shop's feed made it: its rules need no key.
    expect((await s.db.query('SELECT phone_last4_hash AS h FROM pickup_orders WHERE code = $1', [code])).rows).toEqual([{ h: phoneLast4Hash(code, '9876') }]);
  });

  it('keys the card hash however the card was written: fed by the back office, issued at a tablet, replaced, its holder moved to another branch', async () => {
    const msk = await branchHashKey(s.db, 'MSK1');
    const spb = await branchHashKey(s.db, 'SPB1');
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    expect(await cardHashOf(CARD)).toBe(keyedHash(msk, cardHashMessage(CARD)));
    const tablet = await s.enroll('MSK1', 'tablet');
    await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
    const { sessionId } = await s.signIn(tablet, '1001', '2468');
    const enrolled = (cardNumber: string, extra: object = {}) => ({
      id: randomUUID(), seq: tablet.nextSeq++, kind: 'customer.enrolled', occurredAt: new Date().toISOString(),
      payload: { customerId: randomUUID(), cardNumber, secretHash: 'a'.repeat(64), shortName: 'Пётр С.', ledgerConsent: { at: new Date().toISOString(), version: '2026-11' }, staffSessionId: sessionId, ...extra },
    });
    await s.push(tablet, [enrolled(card(2)), enrolled(card(3), { replacesCard: CARD, replaceProof: { by: 'reported-lost' }, shortName: 'Иван П.' })]);
    expect(await cardHashOf(card(2))).toBe(keyedHash(msk, cardHashMessage(card(2))));
    expect(await cardHashOf(card(3))).toBe(keyedHash(msk, cardHashMessage(card(3))));
    expect(await cardHashOf(CARD)).toBe(keyedHash(msk, cardHashMessage(CARD))); // blocked now
    // Moved to SPB1 by the back office: the card and the lost one it replaced take SPB1's key.
    await putCustomer(card(3), { branchCode: 'SPB1', shortName: 'Иван П.' });
    expect(await cardHashOf(card(3))).toBe(keyedHash(spb, cardHashMessage(card(3))));
    expect(await cardHashOf(CARD)).toBe(keyedHash(spb, cardHashMessage(CARD)));
    const { passbooks } = await pullUntil(await s.enroll('SPB1'), (seen) => seen.passbooks.length === 1);
    expect(passbooks[0]).toMatchObject({ cardHash: keyedHash(spb, cardHashMessage(card(3))), blockedCardHashes: [keyedHash(spb, cardHashMessage(CARD))] });
    // Unkeyed, the card's number would be one SHA-256 away: nothing the kiosk got is that.
    expect(JSON.stringify(passbooks)).not.toContain(cardHash(card(3)));
  });
});

describe('the pull cursor', () => {
  it('names no card: not the number in any encoding, nor its unkeyed hash; the card holders page by their keyed hash', async () => {
    for (let n = 1; n <= 5; n++) await putCustomer(card(n), { branchCode: 'MSK1', shortName: 'Иван П.' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let holders = 0;
    for (let i = 0; i < 100 && holders < 5; i++) {
      const page = (await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: kiosk.auth })).json() as PullResponse;
      holders += page.changes.passbooks.length;
      cursor = page.cursor;
      seen.push(cursor, Buffer.from(cursor, 'base64url').toString('utf8'));
      if (page.changes.passbooks.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(holders).toBe(5);
    const text = seen.join('\n');
    for (let n = 1; n <= 5; n++) {
      for (const form of [card(n), Buffer.from(card(n)).toString('base64'), cardHash(card(n))]) expect(text).not.toContain(form.slice(0, 12));
    }
    const last = JSON.parse(Buffer.from(cursor!, 'base64url').toString('utf8')) as { v: number; passbooks: [string, string] };
    const keyed = await Promise.all([1, 2, 3, 4, 5].map((n) => cardHashOf(card(n))));
    expect(last.v).toBe(2);
    expect(keyed).toContain(last.passbooks[1]);
  });

  it('a cursor from before the keyed hashes (version 1, naming a card) starts the orders and card holders again, keyed; its products go on', async () => {
    const code = await s.putOrder('MSK1');
    await putCustomer(CARD, { branchCode: 'MSK1', shortName: 'Иван П.' });
    const before = await pullUntil(kiosk, (seen) => seen.orders.length === 1 && seen.passbooks.length === 1);
    const now = JSON.parse(Buffer.from(before.cursors.at(-1)!, 'base64url').toString('utf8')) as { orders: [string, string]; products: [string, string]; passbooks: [string, string] };
    const old = Buffer.from(JSON.stringify({ v: 1, orders: now.orders, products: now.products, passbooks: [now.passbooks[0], CARD] })).toString('base64url');
    const again = await pull(kiosk, old);
    expect(again.changes.orders.map((o) => o.code)).toEqual([code]);
    expect(again.changes.passbooks.map((h) => h.cardHash)).toEqual([await cardHashOf(CARD)]);
    expect(again.changes.products).toEqual([]);
    expect(Buffer.from(again.cursor, 'base64url').toString('utf8')).not.toContain(CARD);
    // A cursor of this version naming a card by anything but its keyed hash is none the server issued.
    const forged = Buffer.from(JSON.stringify({ v: 2, orders: now.orders, products: now.products, passbooks: [now.passbooks[0], CARD] })).toString('base64url');
    const refused = await s.app.inject({ method: 'GET', url: `/api/v1/sync/pull?cursor=${forged}`, headers: kiosk.auth });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'cursor' });
  });
});

describe('an upgrade of a database with card holders (024_branch_hash_key.sql)', () => {
  it('keys every card it holds, current and blocked, and a branch made after it gets a key of its own', async () => {
    const db = await createTestDb({ migrate: false });
    try {
      await migrate(db, loadMigrations().slice(0, 23));
      const branch = randomUUID();
      const holder = randomUUID();
      await db.query("INSERT INTO branches (id, code, name, legal_name, inn, address) VALUES ($1, 'OLD1', 'Филиал', 'ООО «Тест»', '7701234561', 'г. Москва')", [branch]);
      await db.query("INSERT INTO customers (id, branch_id, short_name, card_number) VALUES ($1, $2, 'Иван П.', $3)", [holder, branch, card(2)]);
      await db.query('INSERT INTO blocked_cards (card_number, customer_id, blocked_at) VALUES ($1, $2, now())', [CARD, holder]);
      await migrate(db);
      const key = await branchHashKey(db, 'OLD1');
      expect(key).toHaveLength(32);
      expect((await db.query('SELECT card_hash AS h FROM customers')).rows).toEqual([{ h: keyedHash(key, cardHashMessage(card(2))) }]);
      expect((await db.query('SELECT card_hash AS h FROM blocked_cards')).rows).toEqual([{ h: keyedHash(key, cardHashMessage(CARD)) }]);
    } finally {
      await db.close();
    }
  });
});
