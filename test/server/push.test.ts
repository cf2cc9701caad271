import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverWithKiosk, type TestDevice, type TestServer } from './support/test-app';
import { pushResults as results } from './support/push-results';

let s: TestServer;
let kiosk: TestDevice;
beforeEach(async () => {
  ({ s, kiosk } = await serverWithKiosk());
});
afterEach(() => s.close());


describe('POST /api/v1/sync/push', () => {
  it('applies a pickup once and marks the order picked up', async () => {
    const code = await s.putOrder('MSK1');
    const tx = s.pickup(kiosk, code);
    const res = await s.push(kiosk, [tx]);
    expect(res.statusCode).toBe(200);
    expect(results(res)).toEqual([{ id: tx.id, status: 'applied' }]);
    expect(await s.orderStatus(code)).toBe('picked_up');
    const receipts = await s.db.query<{ number: string; totalKopecks: number }>('SELECT number, total_kopecks AS "totalKopecks" FROM receipts');
    expect(receipts.rows).toEqual([{ number: tx.payload.receiptNumber, totalKopecks: 199_000 }]);
  });

  it('answers 50 concurrent copies of one transaction with one "applied" and 49 "duplicate"', async () => {
    const code = await s.putOrder('MSK1');
    const tx = s.pickup(kiosk, code);
    const all = await Promise.all(Array.from({ length: 50 }, () => s.push(kiosk, [tx])));
    const statuses = all.map((r) => results(r)[0]!.status);
    expect(statuses.filter((x) => x === 'applied')).toHaveLength(1);
    expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(49);
    const log = await s.db.query('SELECT id FROM transactions');
    expect(log.rows).toHaveLength(1);
  });

  it('applies the rest of a batch when one transaction in it is bad', async () => {
    const [a, b, c] = [await s.putOrder('MSK1'), await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const unknown = s.pickup(kiosk, '00000000'); // valid check digit, no such order
    const badPayload = { ...s.pickup(kiosk, a), payload: { orderCode: a, verifiedBy: 'fingerprint' } };
    const newerKind = { ...s.pickup(kiosk, a), kind: 'refund.issued' };
    const batch = [s.pickup(kiosk, a), unknown, badPayload, s.pickup(kiosk, b), newerKind, s.pickup(kiosk, c)];
    const res = results(await s.push(kiosk, batch));
    expect(res.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'applied', 'deferred', 'applied']);
    expect(res[1]!.reason).toBe('unknown-order');
    expect(res[2]).toMatchObject({ reason: 'invalid-payload' });
    expect(res[2]!.detail).toMatch(/^payload\.(receiptNumber|verifiedBy)/);
    expect(res[4]!.reason).toBe('unsupported-kind'); // a newer release's kind: kept by the device for later (compatibility.test.ts)
    for (const code of [a, b, c]) expect(await s.orderStatus(code)).toBe('picked_up');
  });

  it('rejects a second pickup of the same order, from this or another kiosk, and keeps the first', async () => {
    const code = await s.putOrder('MSK1');
    const other = await s.enroll('MSK1');
    const first = s.pickup(kiosk, code);
    const againSameBatch = s.pickup(kiosk, code);
    expect(results(await s.push(kiosk, [first, againSameBatch])).map((r) => r.reason)).toEqual([undefined, 'already-picked-up']);
    expect(results(await s.push(other, [s.pickup(other, code)]))[0]).toMatchObject({ status: 'rejected', reason: 'already-picked-up' });
    const { rows } = await s.db.query<{ tx: string }>('SELECT picked_up_tx AS tx FROM pickup_orders WHERE code = $1', [code]);
    expect(rows[0]!.tx).toBe(first.id);
  });

  it('rejects an order of another branch and a cancelled order, changing neither', async () => {
    await s.addBranch('SPB1');
    const theirs = await s.putOrder('SPB1');
    const cancelled = await s.putOrder('MSK1', { status: 'cancelled' });
    const res = results(await s.push(kiosk, [s.pickup(kiosk, theirs), s.pickup(kiosk, cancelled)]));
    expect(res.map((r) => r.reason)).toEqual(['other-branch', 'order-cancelled']);
    expect(await s.orderStatus(theirs)).toBe('ready');
    expect(await s.orderStatus(cancelled)).toBe('cancelled');
  });

  it('returns the original outcome for a retried id, and rejects the same id with another payload', async () => {
    const [a, b] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const ok = s.pickup(kiosk, a);
    const bad = s.pickup(kiosk, '00000000');
    await s.push(kiosk, [ok, bad]);
    expect(results(await s.push(kiosk, [ok, bad]))).toEqual([
      { id: ok.id, status: 'duplicate' },
      { id: bad.id, status: 'rejected', reason: 'unknown-order' },
    ]);
    const reused = { ...ok, payload: { ...ok.payload, orderCode: b } };
    expect(results(await s.push(kiosk, [reused]))[0]).toMatchObject({ status: 'rejected', reason: 'id-conflict' });
    expect(await s.orderStatus(b)).toBe('ready');
  });

  it('knows a retry written differently (keys in another order, the time with an offset) as a duplicate, in the log and within a batch', async () => {
    const code = await s.putOrder('MSK1');
    const tx = s.pickup(kiosk, code);
    const { orderCode, receiptNumber, verifiedBy } = tx.payload;
    const at = new Date(tx.occurredAt);
    const moscow = new Date(at.getTime() + 3 * 3_600_000).toISOString().replace('Z', '+03:00');
    const rewritten = { ...tx, occurredAt: moscow, payload: { verifiedBy, receiptNumber, orderCode } };
    expect(results(await s.push(kiosk, [tx, rewritten]))).toEqual([{ id: tx.id, status: 'applied' }, { id: tx.id, status: 'duplicate' }]);
    expect(results(await s.push(kiosk, [rewritten]))).toEqual([{ id: tx.id, status: 'duplicate' }]);
    const later = { ...tx, occurredAt: new Date(at.getTime() + 1).toISOString() };
    expect(results(await s.push(kiosk, [later]))[0]).toMatchObject({ status: 'rejected', reason: 'id-conflict' });
  });

  it('treats another device sending a known id as a conflict, not a duplicate', async () => {
    const code = await s.putOrder('MSK1');
    const tx = s.pickup(kiosk, code);
    await s.push(kiosk, [tx]);
    const other = await s.enroll('MSK1');
    expect(results(await s.push(other, [{ ...tx, seq: 1 }]))[0]).toMatchObject({ status: 'rejected', reason: 'id-conflict' });
  });

  it('rejects a receipt number of another device or one already used', async () => {
    const [a, b] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const foreign = s.pickup(kiosk, a);
    foreign.payload.receiptNumber = 'MSK1-K99-000001';
    const first = s.pickup(kiosk, b);
    expect(results(await s.push(kiosk, [foreign, first])).map((r) => r.reason)).toEqual(['receipt-number-foreign', undefined]);
    const c = await s.putOrder('MSK1');
    const reused = s.pickup(kiosk, c);
    reused.payload.receiptNumber = first.payload.receiptNumber;
    expect(results(await s.push(kiosk, [reused]))[0]!.reason).toBe('receipt-number-reused');
  });

  it('records gaps in a device’s seq numbers and shows when they fill', async () => {
    const { transactionLogRepo: { openSeqGaps } } = await import('../../server/repositories/transaction-log-repo');
    const codes = [await s.putOrder('MSK1'), await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const [t1, t2, t3] = codes.map((c) => s.pickup(kiosk, c)) as [ReturnType<typeof s.pickup>, ReturnType<typeof s.pickup>, ReturnType<typeof s.pickup>];
    t3.seq = 5;
    await s.push(kiosk, [t1, t3]);
    expect(await openSeqGaps(s.db, kiosk.branchId)).toEqual([{ deviceCode: kiosk.deviceCode, seqFrom: 2, seqTo: 4, stillMissing: 3 }]);
    await s.push(kiosk, [t2]);
    expect(await openSeqGaps(s.db, kiosk.branchId)).toEqual([{ deviceCode: kiosk.deviceCode, seqFrom: 2, seqTo: 4, stillMissing: 2 }]);
  });

  it('rejects a different transaction that reuses a seq', async () => {
    const [a, b] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const first = s.pickup(kiosk, a);
    await s.push(kiosk, [first]);
    const clash = { ...s.pickup(kiosk, b), seq: first.seq };
    expect(results(await s.push(kiosk, [clash]))[0]!.reason).toBe('seq-reused');
    expect(await s.orderStatus(b)).toBe('ready');
  });

  it('ends in the same state when every push is replayed three times', async () => {
    const codes = await Promise.all(Array.from({ length: 6 }, () => s.putOrder('MSK1')));
    const batches = [
      [s.pickup(kiosk, codes[0]!), s.pickup(kiosk, codes[1]!)],
      [s.pickup(kiosk, codes[1]!), s.pickup(kiosk, '00000000'), s.pickup(kiosk, codes[2]!)],
      [s.pickup(kiosk, codes[3]!)],
    ];
    const snapshot = async () => ({
      orders: (await s.db.query('SELECT code, status, picked_up_tx FROM pickup_orders ORDER BY code')).rows,
      log: (await s.db.query('SELECT id, seq, status, reason FROM transactions ORDER BY seq')).rows,
      receipts: (await s.db.query('SELECT number, order_code, total_kopecks FROM receipts ORDER BY number')).rows,
      device: (await s.db.query('SELECT max_seq FROM devices')).rows,
    });
    const firstAnswers = [];
    for (const batch of batches) firstAnswers.push(results(await s.push(kiosk, batch)));
    const once = await snapshot();
    for (let replay = 0; replay < 2; replay++) {
      for (const [i, batch] of batches.entries()) {
        const again = results(await s.push(kiosk, batch));
        expect(again.map((r) => r.status)).toEqual(firstAnswers[i]!.map((r) => (r.status === 'applied' ? 'duplicate' : r.status)));
      }
    }
    expect(await snapshot()).toEqual(once);
    expect(once.log).toHaveLength(6);
  });

  it('answers a repeated id inside one batch like a retry', async () => {
    const code = await s.putOrder('MSK1');
    const tx = s.pickup(kiosk, code);
    expect(results(await s.push(kiosk, [tx, tx])).map((r) => r.status)).toEqual(['applied', 'duplicate']);
  });

  it('keeps occurredAt as sent and orders by seq, so a kiosk clock a day off changes nothing', async () => {
    const [a, b] = [await s.putOrder('MSK1'), await s.putOrder('MSK1')];
    const tomorrow = s.pickup(kiosk, a);
    tomorrow.occurredAt = new Date(Date.now() + 86400_000).toISOString();
    const yesterday = s.pickup(kiosk, b);
    yesterday.occurredAt = new Date(Date.now() - 86400_000).toISOString();
    expect(results(await s.push(kiosk, [tomorrow, yesterday])).map((r) => r.status)).toEqual(['applied', 'applied']);
    const { rows } = await s.db.query<{ seq: number; at: Date }>('SELECT seq, occurred_at AS at FROM transactions ORDER BY seq');
    expect(rows.map((r) => r.at.toISOString())).toEqual([tomorrow.occurredAt, yesterday.occurredAt]);
  });

  it('refuses to push for another device id (403)', async () => {
    const res = await s.app.inject({
      method: 'POST', url: '/api/v1/sync/push', headers: kiosk.auth,
      payload: { deviceId: randomUUID(), transactions: [s.pickup(kiosk, await s.putOrder('MSK1'))] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden' });
  });
});
