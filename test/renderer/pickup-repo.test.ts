import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges } from '../../renderer/db/local-changes';
import { recordPickup } from '../../renderer/db/pickup-repo';
import type { Block } from '../../shared/documents';
import type { BranchInfo, Order } from '../../shared/protocol';

const BRANCH: BranchInfo = {
  code: 'MSK1', name: 'Электроника на Садовой', legalName: 'ООО «Окно»', inn: '7701234560', ogrn: null,
  address: 'г. Москва', serviceCentre: null, timeZone: 'Europe/Moscow',
};
const ORDER: Order = {
  code: '47110004', status: 'ready', customerShortName: 'Иван П.', phoneMasked: '+7 ••• •••-••-67', phoneLast4Hash: 'x', scanSecretHash: null,
  items: [{ sku: 'TV-1', name: 'Телевизор', quantity: 1, priceKopecks: 3_999_000 }], totalKopecks: 3_999_000, paid: true, shelf: 'B4', source: null,
  updatedAt: '2026-11-23T10:00:00Z',
};

async function kiosk(name: string, branch: BranchInfo, order: Partial<Order> = {}) {
  const db = new KioskDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.putSetting('identity', { deviceId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', deviceCode: 'MSK1-K01', branchCode: 'MSK1', token: 'okd_x' });
  await db.putSetting('branch', branch);
  await db.orders.put({ ...ORDER, ...order });
  await db.products.put({ sku: 'TV-1', ean13: '4600000000008', nameRu: 'Телевизор', nameEn: 'TV set', priceKopecks: 3_999_000, warrantyMonths: 12, serialRequired: false, updatedAt: '2026-11-01T00:00:00Z' });
  return db;
}

const text = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'pair' ? [`${b.left} ${b.right}`] : b.kind === 'text' ? [b.text] : []));

describe('recording a handover on the device', () => {
  // 22:30 UTC on 23 November is already 24 November in Moscow and in Vladivostok.
  it.each([
    ['Europe/Moscow', '24.11.2026 01:30', '24.11.2026', '24.11.2027'],
    ['Asia/Vladivostok', '24.11.2026 08:30', '24.11.2026', '24.11.2027'],
    ['Europe/Kaliningrad', '24.11.2026 00:30', '24.11.2026', '24.11.2027'],
  ])('dates the receipt and the warranty slip in the branch’s zone (%s), whatever the device’s', async (timeZone, receiptTime, saleDate, until) => {
    const db = await kiosk(`tz-${timeZone}`, { ...BRANCH, timeZone });
    const outcome = await recordPickup(new LocalChanges(db), { code: ORDER.code, verifiedBy: 'qr', lang: 'ru', now: new Date('2026-11-23T22:30:00Z') });
    if (!outcome.ok) throw new Error(outcome.code);
    expect(text(outcome.receipt.document.blocks)).toContain(`Дата ${receiptTime}`);
    const slip = text(outcome.receipt.warranties[0]!.blocks).join('\n');
    expect(slip).toContain(saleDate);
    expect(slip).toContain(until);
  });

  it.each([
    ['cancelled', 'cancelled'],
    ['picked_up', 'picked-up'],
  ] as const)('says an order that became %s since it was shown is %s, and records nothing', async (status, code) => {
    const db = await kiosk(`status-${status}`, BRANCH, { status });
    expect(await recordPickup(new LocalChanges(db), { code: ORDER.code, verifiedBy: 'phone', lang: 'ru', now: new Date() })).toEqual({ ok: false, code });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.receipts.count()).toBe(0);
  });
});
