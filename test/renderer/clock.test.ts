import { createPublicKey, verify } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges, NoStaffKeyError } from '../../renderer/db/local-changes';
import { makeSessionKey, StaffKeys } from '../../renderer/hashing/staff-proof';
import { DeviceClock } from '../../renderer/sync/clock';
import { staffProofMessage } from '../../shared/domain/staff-proof';

const DAY = 86_400_000;
const newDb = async (name: string) => {
  const db = new KioskDb(name, { indexedDB: new IDBFactory(), IDBKeyRange });
  await db.putSetting('identity', { deviceId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', deviceCode: 'MSK1-T01', branchCode: 'MSK1', token: 'okd_x' });
  return db;
};

describe('the device’s clock: the server’s time as the device knows it', () => {
  it('takes the offset from the middle of the request, keeps it across a restart, and prefers a short round trip to a long one', async () => {
    const db = await newDb('clock-keep');
    let own = Date.UTC(2026, 11, 2, 12) + DAY; // a day fast
    const clock = new DeviceClock(db, () => own);
    clock.learn(own - DAY + 50, own - 100, own); // the server answered 50 ms after the middle
    expect(clock.offset()).toBe(-DAY + 100);
    expect(clock.now().toISOString()).toBe(new Date(own - DAY + 100).toISOString());
    // A slower sample soon after does not replace a better one; a minute later it does.
    clock.learn(own - DAY + 5_000, own - 8_000, own);
    expect(clock.offset()).toBe(-DAY + 100);
    own += 61_000;
    clock.learn(own - DAY + 5_000, own - 8_000, own);
    expect(clock.offset()).toBe(-DAY + 9_000);
    // A sample from a request that took more than 10 s says too little.
    own += 61_000;
    clock.learn(own, own - 20_000, own);
    expect(clock.offset()).toBe(-DAY + 9_000);
    await new Promise((r) => setTimeout(r, 20));
    const restarted = new DeviceClock(db, () => own);
    await restarted.load();
    expect(restarted.offset()).toBe(-DAY + 9_000); // an offline start still stamps the server's time
  });

  it('a change is stamped with the corrected time and keeps the device’s own beside it', async () => {
    const db = await newDb('clock-stamp');
    const own = Date.now() - DAY;
    const clock = new DeviceClock(db, () => own);
    clock.learn(own + DAY, own - 10, own + 10);
    const changes = new LocalChanges(db, () => {}, clock);
    await changes.run([], (c) => c.enqueue('assistance.requested', { requestId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', screen: 'welcome', context: { step: 'welcome', lang: 'ru', largeText: false, voice: false } }));
    const [row] = await db.outbox.toArray();
    expect(row!.occurredAt).toBe(new Date(own + DAY).toISOString());
    expect(row!.deviceTime).toBe(new Date(own).toISOString());
  });
});

describe('a staff member’s transactions are signed with the session’s own key', () => {
  it('in the outbox, over exactly what is sent; without the key nothing is queued', async () => {
    const db = await newDb('sign');
    const keys = new StaffKeys();
    const key = await makeSessionKey();
    const sessionId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60';
    keys.add(sessionId, key.privateKey);
    const changes = new LocalChanges(db, () => {}, undefined, (id, message) => keys.sign(id, message));
    const payload = { orderCode: '47110004', payment: { method: 'card' as const, amountKopecks: 100, terminalRef: '123456' }, staffSessionId: sessionId };
    await changes.run([], (c) => c.enqueue('order.paid', payload));
    const [row] = await db.outbox.toArray();
    const publicKey = createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify('sha256', Buffer.from(staffProofMessage(row!)), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(row!.signature!, 'base64'))).toBe(true);
    // The private half cannot be read out.
    await expect(crypto.subtle.exportKey('pkcs8', key.privateKey)).rejects.toThrow();
    // A device's own kind carries no signature.
    await changes.run([], (c) => c.enqueue('pickup.waiting', { orderCode: '47110004' }));
    expect((await db.outbox.orderBy('seq').last())!.signature).toBeUndefined();
    // Signed out: the key is gone, and a staff change is refused whole (nothing half-queued).
    keys.remove(sessionId);
    await expect(changes.run([], (c) => c.enqueue('order.paid', payload))).rejects.toThrow(NoStaffKeyError);
    expect(await db.outbox.count()).toBe(2);
  });
});
