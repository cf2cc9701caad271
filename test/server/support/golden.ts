import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cardHashMessage } from '../../../shared/domain/card-code';
import { ean13CheckDigit } from '../../../shared/domain/ean13';
import { formatReceiptNumber } from '../../../shared/domain/receipt-number';
import type { StaffSession, TransactionEnvelope } from '../../../shared/protocol';
import { branchHashKey, keyedHash } from '../../support/branch-hash';
import type { TestDevice, TestServer } from './test-app';

/** One transaction of a release's golden fixture: who sends it, as that release sent it, and what the server answered then. */
export type GoldenTransaction = { device: 'kiosk' | 'tablet'; kind: string; payload: Record<string, unknown>; expect: string };
export type GoldenRelease = { release: string; protocol: number; transactions: GoldenTransaction[] };

export const RELEASES_DIR = path.resolve(import.meta.dirname, '../../fixtures/releases');

/** Every release's fixture, oldest first by its folder name (a version). */
export function goldenReleases(): GoldenRelease[] {
  return readdirSync(RELEASES_DIR)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((dir) => JSON.parse(readFileSync(path.join(RELEASES_DIR, dir, 'transactions.json'), 'utf8')) as GoldenRelease);
}

const card = (first12: string) => `${first12}${ean13CheckDigit(first12)}`;

/**
 * A branch whose day the fixtures describe: a kiosk and a tablet, a supervisor signed in,
 * the products, orders and a fed passbook they name. Returns how to fill a fixture in.
 */
export async function goldenBranch(s: TestServer): Promise<{ kiosk: TestDevice; tablet: TestDevice; fill: (t: GoldenTransaction, index: number) => TransactionEnvelope; sentIds: string[] }> {
  await s.addBranch('MSK1');
  for (const [i, p] of [{ sku: 'TV-1', price: 4_999_000, serial: true }, { sku: 'KETTLE-1', price: 199_000, serial: false }].entries()) {
    const res = await s.app.inject({
      method: 'PUT', url: `/api/v1/admin/products/${p.sku}`, headers: s.adminAuth,
      payload: { ean13: card(`46000000010${i}`), nameRu: p.sku, nameEn: p.sku, priceKopecks: p.price, warrantyMonths: p.serial ? 12 : 0, serialRequired: p.serial },
    });
    if (res.statusCode >= 300) throw new Error(res.body);
  }
  const kettle = [{ sku: 'KETTLE-1', name: 'Чайник электрический', quantity: 1, priceKopecks: 199_000 }];
  const orders: Record<string, string> = {
    kiosk: await s.putOrder('MSK1', { items: kettle }),
    left: await s.putOrder('MSK1', { items: kettle }),
    dismissed: await s.putOrder('MSK1', { items: kettle }),
    desk: await s.putOrder('MSK1', { items: kettle, paid: false }),
    cancelled: await s.putOrder('MSK1', { items: kettle, status: 'cancelled' }),
  };
  const cards: Record<string, string> = { fed: card('299000000100'), blank: card('299000000200') };
  const fed = await s.app.inject({ method: 'PUT', url: `/api/v1/admin/customers/${cards['fed']}`, headers: s.adminAuth, payload: { branchCode: 'MSK1', shortName: 'Зинаида В.' } });
  if (fed.statusCode >= 300) throw new Error(fed.body);
  const entries = await s.app.inject({
    method: 'POST', url: `/api/v1/admin/customers/${cards['fed']}/entries`, headers: s.adminAuth,
    payload: { entries: [1, 2, 3].map((n) => ({ id: randomUUID(), postedAt: new Date(Date.now() - (4 - n) * 86_400_000).toISOString(), textRu: `Пенсия ${n}`, textEn: `Pension ${n}`, amountKopecks: 2_000_000 })) },
  });
  if (entries.statusCode >= 300) throw new Error(entries.body);
  const hashKey = await branchHashKey(s.db, 'MSK1');
  const kiosk = await s.enroll('MSK1', 'kiosk');
  const tablet = await s.enroll('MSK1', 'tablet');
  await s.services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Сергеевна Иванова', role: 'supervisor', pin: '2468' });
  const session: StaffSession = await s.signIn(tablet, '1001', '2468');
  const devices = { kiosk, tablet };
  const ids = new Map<string, string>();
  const receipts = { kiosk: [] as string[], tablet: [] as string[] };
  const sentIds: string[] = [];

  const value = (name: string, arg: string | undefined, arg2: string | undefined): string => {
    switch (name) {
      case 'id': { if (!ids.has(arg!)) ids.set(arg!, randomUUID()); return ids.get(arg!)!; }
      case 'session': return session.sessionId;
      case 'order': return orders[arg!]!;
      case 'card': return cards[arg!]!;
      case 'cardHash': return keyedHash(hashKey, cardHashMessage(cards[arg!]!));
      case 'secretHash': return 'ab'.repeat(32);
      case 'now': return new Date().toISOString();
      case 'device': return devices[arg as 'kiosk' | 'tablet'].deviceCode;
      case 'tx': return sentIds[Number(arg)]!;
      case 'receipt': {
        const device = devices[arg as 'kiosk' | 'tablet'];
        if (arg2) return receipts[arg as 'kiosk' | 'tablet'][Number(arg2) - 1]!;
        const number = formatReceiptNumber(device.deviceCode, device.receiptCounter++);
        receipts[arg as 'kiosk' | 'tablet'].push(number);
        return number;
      }
      default: throw new Error(`a fixture names {{${name}}}, which the replay does not know`);
    }
  };
  const fillIn = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const whole = /^\{\{(\w+)(?::([\w-]+))?(?::(\d+))?\}\}$/.exec(node);
      return whole ? value(whole[1]!, whole[2], whole[3]) : node;
    }
    if (Array.isArray(node)) return node.map(fillIn);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fillIn(v)]));
    return node;
  };
  const fill = (t: GoldenTransaction, index: number): TransactionEnvelope => {
    const device = devices[t.device];
    // Filled in order, so {{tx:N}} names a transaction already sent.
    const envelope = { id: randomUUID(), seq: device.nextSeq++, kind: t.kind, occurredAt: new Date().toISOString(), payload: fillIn(t.payload) as Record<string, unknown> };
    sentIds[index] = envelope.id;
    return envelope;
  };
  return { kiosk, tablet, fill, sentIds };
}
