import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges, OutsideUnitOfWorkError, type ChangeScope } from '../../renderer/db/local-changes';
import { inputProblem } from '../../shared/protocol/safe-input';

const PICKUP = { orderCode: '47110004', receiptNumber: 'MSK1-K01-000001', verifiedBy: 'qr' } as const;

async function enrolledDb(name: string) {
  const db = new KioskDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.putSetting('identity', { deviceId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', deviceCode: 'MSK1-K01', branchCode: 'MSK1', token: 'okd_x' });
  return db;
}

describe('the unit of work of a local change', () => {
  it('commits the change and its outbox rows together, numbers them once, and wakes sync only after the commit', async () => {
    const db = await enrolledDb('uow-commit');
    const seen: { queued: number; committedRows: number }[] = [];
    const changes = new LocalChanges(db, (queued) => {
      // Called after `complete`: a new transaction sees the rows already.
      void db.outbox.count().then((n) => seen.push({ queued: queued.length, committedRows: n }));
    });
    const numbers = await changes.run([db.orders], async (change) => {
      const a = change.nextReceiptNumber();
      const b = change.nextReceiptNumber();
      await change.enqueue('order.pickedUp', { ...PICKUP, receiptNumber: a });
      await change.enqueue('order.pickedUp', { ...PICKUP, receiptNumber: b });
      return [a, b];
    });
    expect(numbers).toEqual(['MSK1-K01-000001', 'MSK1-K01-000002']);
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.seq)).toEqual([1, 2]);
    expect(await db.getSetting('counters')).toEqual({ seq: 3, receipt: 3 });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([{ queued: 2, committedRows: 2 }]);
  });

  it('queues typed text safe to store and print: a note cut in the middle of an emoji, or pasted with invisible characters, is not refused by the server', async () => {
    const db = await enrolledDb('uow-clean-text');
    const changes = new LocalChanges(db);
    const note = 'Выдали на кассе 👍'.slice(0, -1) + '\u202e\u200b';
    await changes.run([], (change) => change.enqueue('rejection.resolved', {
      transactionId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', action: 'handled', note, staffSessionId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d',
    }));
    const [row] = await db.outbox.toArray();
    expect(row!.payload).toMatchObject({ note: 'Выдали на кассе \ufffd' });
    expect(inputProblem(row!.payload, 'payload')).toBeNull();
  });

  it('rolls everything back, counters included, and wakes nothing when the change fails', async () => {
    const db = await enrolledDb('uow-rollback');
    let woken = 0;
    const changes = new LocalChanges(db, () => { woken++; });
    await expect(changes.run([db.orders], async (change) => {
      change.nextReceiptNumber();
      await change.enqueue('order.pickedUp', PICKUP);
      throw new Error('the order changed meanwhile');
    })).rejects.toThrow('the order changed meanwhile');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.getSetting('counters')).toBeUndefined();
    expect(woken).toBe(0);
  });

  it('refuses to queue outside its own transaction', async () => {
    const db = await enrolledDb('uow-outside');
    const changes = new LocalChanges(db);
    let kept: ChangeScope | null = null;
    await changes.run([], async (change) => { kept = change; });
    // The scope escaped its transaction: using it later must not write an unrelated row.
    await expect(kept!.enqueue('order.pickedUp', PICKUP)).rejects.toBeInstanceOf(OutsideUnitOfWorkError);
    expect(() => kept!.nextReceiptNumber()).toThrow(OutsideUnitOfWorkError);
    // Nor may a change run nested inside another transaction (its "after commit" would come too early).
    await expect(db.transaction('rw', [db.outbox], () => changes.run([], async () => 1))).rejects.toBeInstanceOf(OutsideUnitOfWorkError);
    expect(await db.outbox.count()).toBe(0);
  });
});
