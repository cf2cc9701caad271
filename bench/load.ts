import http from 'node:http';
import type { KeyObject } from 'node:crypto';
import { sessionKeyPair, signWith } from '../test/server/support/staff-keys';
import { uuidv7 } from '../renderer/db/uuid7';
import { makeOrderCode } from '../shared/domain/order-code';
import { formatReceiptNumber } from '../shared/domain/receipt-number';
import { BENCH_PRODUCTS, BENCH_SUPERVISOR, type BenchDevice } from './bench-seed';

/**
 * A kiosk that pushes pickups of consecutive orders, with its own seq and receipt counter,
 * and transaction ids made as the kiosk makes them (UUIDv7, time-ordered).
 */
export class LoadDevice {
  private seq = 1;
  private taken = 0;
  /**
   * `index` of `of` kiosks: it hands over the orders whose number is `index` modulo `of`,
   * the goods of which staff brought to it (bench-seed.ts), as a kiosk hands over only
   * goods brought to it (`not-brought` otherwise).
   */
  constructor(private readonly device: BenchDevice, private readonly index = 0, private readonly of = 1) {}

  /** A push of the next `count` orders brought to this kiosk. */
  nextBatch(count: number): string {
    return this.batchBody(Array.from({ length: count }, () => this.index + this.of * this.taken++));
  }

  batchBody(orderNumbers: number[]): string {
    const occurredAt = new Date().toISOString();
    return JSON.stringify({ transactions: orderNumbers.map((n) => this.pickup(n, occurredAt)) });
  }

  /** The pickup of the next order brought to this kiosk, as its outbox keeps it until the server has it. */
  nextPickup(occurredAt = new Date().toISOString()) {
    return this.pickup(this.index + this.of * this.taken++, occurredAt);
  }

  /** A call for help from this kiosk's screen (staff hear it on their tablets). */
  assistance(requestId: string, occurredAt = new Date().toISOString()) {
    return { id: uuidv7(), seq: this.seq++, kind: 'assistance.requested', occurredAt, payload: { requestId, screen: 'phone', context: { step: 'phone', lang: 'ru', largeText: false, voice: false } } };
  }

  private pickup(n: number, occurredAt: string) {
    const seq = this.seq++;
    return {
      id: uuidv7(), seq, kind: 'order.pickedUp', occurredAt,
      payload: { orderCode: makeOrderCode(n), receiptNumber: formatReceiptNumber(this.device.deviceCode, seq), verifiedBy: 'qr' },
    };
  }

  get auth(): string {
    return `Bearer ${this.device.token}`;
  }
}

/**
 * A tablet with a signed-in supervisor that pushes a mix of sales of 3 lines (card) and,
 * every fourth transaction, a refund of one unit of one of its earlier sales.
 */
export class LoadTablet {
  private seq = 1;
  private readonly sold: string[] = [];
  /** `session`: as `signIn` opened it; every sale and refund is signed with its key, as a tablet's outbox signs them (issue 20). */
  constructor(private readonly device: BenchDevice, private readonly session: { sessionId: string; privateKey: KeyObject }) {}
  private get sessionId(): string { return this.session.sessionId; }

  batchBody(size: number): string {
    const occurredAt = new Date().toISOString();
    const total = BENCH_PRODUCTS.reduce((sum, p) => sum + p.priceKopecks, 0);
    return JSON.stringify({
      transactions: Array.from({ length: size }, (_, i) => {
        const seq = this.seq++;
        const receiptNumber = formatReceiptNumber(this.device.deviceCode, seq);
        const refundOf = i % 4 === 3 ? this.sold.shift() : undefined;
        if (refundOf) {
          return signWith(this.session.privateKey, { id: uuidv7(), seq, kind: 'sale.refunded', occurredAt, payload: { refundId: uuidv7(), saleId: refundOf, receiptNumber, lines: [{ sku: 'BENCH-1', qty: 1 }], staffSessionId: this.sessionId } });
        }
        const saleId = uuidv7();
        this.sold.push(saleId);
        return signWith(this.session.privateKey, {
          id: uuidv7(), seq, kind: 'sale.completed', occurredAt,
          payload: {
            saleId, receiptNumber, lines: BENCH_PRODUCTS.map((p) => ({ sku: p.sku, qty: 1, priceKopecks: p.priceKopecks })),
            payment: { method: 'card', amountKopecks: total, terminalRef: String(seq) }, confirmedOn: 'tablet', staffSessionId: this.sessionId,
          },
        });
      }),
    });
  }

  get auth(): string {
    return `Bearer ${this.device.token}`;
  }
}

/** Signs the bench supervisor in on a tablet with a session key, as a tablet does; the session its sales carry and are signed with. */
export async function signIn(port: number, auth: string): Promise<{ sessionId: string; privateKey: KeyObject }> {
  const key = sessionKeyPair();
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/staff/sessions`, {
    method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ ...BENCH_SUPERVISOR, publicKey: key.publicKey }),
  });
  if (res.status !== 201) throw new Error(`bench sign-in answered ${res.status}: ${await res.text()}`);
  return { sessionId: ((await res.json()) as { sessionId: string }).sessionId, privateKey: key.privateKey };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs a push and counts the applied results. */
export function push(port: number, auth: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/v1/sync/push', method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: auth, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`push answered ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`));
          // counted in the text: parsing 100 results would cost the load generator more than the count is worth
          resolve(countOf(Buffer.concat(chunks).toString(), '"status":"applied"'));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
