import { randomBytes } from 'node:crypto';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { branchHash, importHashKey, keyedHashHex } from '../../renderer/hashing/keyed-hash';
import { applyPullPage } from '../../renderer/sync/apply-pull';
import { cardHash, cardHashMessage } from '../../shared/domain/card-code';
import type { PullResponse } from '../../shared/protocol';
import { keyedHash } from '../support/branch-hash';
import { SELLER } from '../shared/documents/sample-documents';

const KEY = randomBytes(32);
const CARD = '2991000000018';
const page = (extra: Partial<PullResponse> = {}): PullResponse => ({
  cursor: 'c1', hasMore: false, serverTime: new Date().toISOString(), branch: SELLER, retentionDays: 30, keepSettledDays: 7, passbookFullLines: 30,
  changes: { orders: [], products: [], passbooks: [] }, ...extra,
});
const freshDb = () => new KioskDb(`kh-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });

describe('the device’s keyed hash (renderer/hashing/keyed-hash.ts)', () => {
  it('is the HMAC the server and Node compute, for any text; never the unkeyed hash', async () => {
    const key = await importHashKey(KEY.toString('base64url'));
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme' }), async (text) => {
      expect(await keyedHashHex(key, text)).toBe(keyedHash(KEY, text));
    }), { numRuns: 200 });
    expect(await keyedHashHex(key, cardHashMessage(CARD))).not.toBe(cardHash(CARD));
  });

  it('keeps the key as a CryptoKey that signs and cannot be exported, not even by the page', async () => {
    const key = await importHashKey(KEY.toString('base64url'));
    expect(key).toMatchObject({ extractable: false, usages: ['sign'], algorithm: { name: 'HMAC' } });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
  });
});

describe('the key on the device', () => {
  it('comes with the pull and is stored as that CryptoKey: no form of its bytes in the store; a pull without one keeps it', async () => {
    const db = freshDb();
    expect(await branchHash(db, cardHashMessage(CARD))).toBeNull(); // before the first pull nothing can match
    await applyPullPage(db, page({ hashKey: KEY.toString('base64url') }), Date.now());
    expect(await branchHash(db, cardHashMessage(CARD))).toBe(keyedHash(KEY, cardHashMessage(CARD)));
    const stored = await db.getSetting('hashKey');
    expect(stored).toBeInstanceOf(CryptoKey);
    expect(stored!.extractable).toBe(false);
    // Everything the store holds, as a script or the developer tools read it.
    const dump = JSON.stringify(await Promise.all(db.tables.map((t) => t.toArray())));
    for (const form of [KEY.toString('base64url'), KEY.toString('base64'), KEY.toString('hex')]) expect(dump).not.toContain(form);
    const { hashKey: _none, ...older } = page({ cursor: 'c2' });
    await applyPullPage(db, older, Date.now());
    expect(await branchHash(db, cardHashMessage(CARD))).toBe(keyedHash(KEY, cardHashMessage(CARD)));
  });

  it('an upgrade from the unkeyed version drops the books, the cursor that named a card and the card numbers in quarantine; the queue stays as it was', async () => {
    const factory = new IDBFactory();
    const name = `upgrade-${Math.random()}`;
    const old = new Dexie(name, { indexedDB: factory, IDBKeyRange });
    old.version(4).stores({ orders: 'code, status', products: 'sku, ean13', outbox: 'id, &seq', quarantine: 'id, seq', receipts: 'number, orderCode, createdAt', settings: 'key', sales: 'saleId, &receiptNumber', passbooks: 'cardHash' });
    const printed = { kind: 'passbook.printed', occurredAt: new Date().toISOString(), payload: { cardNumber: CARD, fromLine: 1, throughLine: 2, page: 1, line: 2, paperLang: 'ru' } };
    await old.table('passbooks').put({ cardHash: cardHash(CARD), shortName: 'Иван П.' });
    await old.table('settings').bulkPut([{ key: 'pullCursor', value: Buffer.from(JSON.stringify({ v: 1, passbooks: ['5', CARD] })).toString('base64url') }, { key: 'lastSyncAt', value: 1 }]);
    await old.table('outbox').put({ id: 'a', seq: 1, ...printed, queuedAt: 1 });
    await old.table('quarantine').bulkPut([
      { id: 'b', seq: 2, ...printed, queuedAt: 1, reason: 'unknown-card', quarantinedAt: 2 },
      { id: 'c', seq: 3, kind: 'customer.preferences', occurredAt: printed.occurredAt, payload: { cardNumber: CARD, preferences: null, consent: null }, queuedAt: 1, reason: 'unknown-card', quarantinedAt: 2 },
    ]);
    old.close();

    const db = new KioskDb(name, { indexedDB: factory, IDBKeyRange });
    expect(await db.passbooks.count()).toBe(0);
    expect(await db.getSetting('pullCursor')).toBeUndefined();
    expect(await db.getSetting('lastSyncAt')).toBe(1);
    expect((await db.quarantine.toArray()).map((r) => r.payload)).toEqual([
      { fromLine: 1, throughLine: 2, page: 1, line: 2, paperLang: 'ru' },
      { preferences: null, consent: null },
    ]);
    // Queued before the upgrade: sent as it was (the server accepts it; changed, it would be an id-conflict).
    expect((await db.outbox.get('a'))!.payload).toEqual(printed.payload);
  });
});
