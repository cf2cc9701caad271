import http from 'node:http';
import { uuidv7 } from '../renderer/db/uuid7';
import { makeOrderCode } from '../shared/domain/order-code';
import { formatReceiptNumber } from '../shared/domain/receipt-number';
import type { BenchDevice } from './bench-seed';

/**
 * A kiosk that pushes pickups of consecutive orders, with its own seq and receipt counter,
 * and transaction ids made as the kiosk makes them (UUIDv7, time-ordered).
 */
export class LoadDevice {
  private seq = 1;
  constructor(private readonly device: BenchDevice) {}

  batchBody(orderNumbers: number[]): string {
    const occurredAt = new Date().toISOString();
    return JSON.stringify({
      transactions: orderNumbers.map((n) => {
        const seq = this.seq++;
        return {
          id: uuidv7(), seq, kind: 'order.pickedUp', occurredAt,
          payload: { orderCode: makeOrderCode(n), receiptNumber: formatReceiptNumber(this.device.deviceCode, seq), verifiedBy: 'qr' },
        };
      }),
    });
  }

  get auth(): string {
    return `Bearer ${this.device.token}`;
  }
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
