import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { enrol } from '../../renderer/app/enrol';
import { IdentityStore } from '../../renderer/db/identity-store';
import { KioskDb } from '../../renderer/db/kiosk-db';
import { LocalChanges } from '../../renderer/db/local-changes';
import { recordPickup } from '../../renderer/db/pickup-repo';
import { ApiClient } from '../../renderer/sync/api-client';
import { SyncEngine } from '../../renderer/sync/sync-engine';
import { injectFetch } from '../fakes/inject-fetch';
import { memoryLocks } from '../fakes/memory-locks';
import { kioskAgainstServer, type KioskHarness } from './support/kiosk-harness';

/**
 * Issue 22 on the device: the kiosk keeps the token a sync round hands it (and the round
 * goes on with it), and a replacement kiosk goes on with the series of the one it replaces.
 */
let k: KioskHarness | undefined;
afterEach(async () => { await k?.close(); k = undefined; });

describe('device credentials on the kiosk', () => {
  it('keeps the new token a pull brings, uses it from then on, and the old one dies after its grace period', async () => {
    k = await kioskAgainstServer();
    const identity = new IdentityStore(k.db);
    const before = (await identity.get())!.token;
    await k.engine().syncOnce();
    expect((await identity.get())!.token).toBe(before);

    await k.s.db.query("UPDATE devices SET token_issued_at = now() - interval '40 days'");
    await k.engine().syncOnce();
    const after = (await identity.get())!.token;
    expect(after).not.toBe(before);
    // Sync goes on with the new token: every request of the next round carries it, and
    // the old one stops at the end of its grace period.
    await k.s.db.query("UPDATE devices SET old_token_expires_at = now() - interval '1 second'");
    const from = k.net.log.length;
    await k.engine().syncOnce();
    const round = k.net.log.slice(from);
    expect(round.length).toBeGreaterThan(0);
    expect(new Set(round.map((r) => r.authorization))).toEqual(new Set([`Bearer ${after}`]));
    expect((await identity.get())!.token).toBe(after);
    const old = await k.s.app.inject({ method: 'GET', url: '/api/v1/sync/pull', headers: { authorization: `Bearer ${before}` } });
    expect(old.statusCode).toBe(401);
  });

  it('a replacement kiosk takes the old one’s code and goes on with its seqs and receipt numbers', async () => {
    k = await kioskAgainstServer();
    const code = await k.s.putOrder('MSK1');
    const second = await k.s.putOrder('MSK1');
    await k.syncUntilCached([code, second]);
    const first = await k.pickUp(code);
    await k.engine().syncOnce();
    const oldCode = (await k.db.getSetting('identity'))!.deviceCode;

    // The old kiosk breaks; a new PC is enrolled in its place.
    const { code: enrolCode } = await k.s.services.enrollment.createCode({ replaces: oldCode });
    const db = new KioskDb('okno-replacement', { indexedDB: new IDBFactory(), IDBKeyRange });
    const api = new ApiClient('http://okno.test', injectFetch(k.s.app));
    expect(await enrol(db, new IdentityStore(db), api, enrolCode)).toEqual({ ok: true, role: 'kiosk' });
    expect((await db.getSetting('identity'))!.deviceCode).toBe(oldCode);
    const engine = new SyncEngine({ db, api, locks: memoryLocks(), random: () => 0.5 });
    for (let i = 0; i < 50 && !(await db.orders.get(second)); i++) await engine.syncOnce();
    k.s.bring((await db.getSetting('identity'))!.deviceId, second);
    const outcome = await recordPickup(new LocalChanges(db), { code: second, verifiedBy: 'phone', lang: 'ru', now: new Date() });
    expect(outcome.ok).toBe(true);
    const receipt = outcome.ok ? outcome.receipt : null;
    expect(first.number).toBe(`${oldCode}-000001`);
    expect(receipt!.number).toBe(`${oldCode}-000002`);
    await engine.syncOnce();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.quarantine.count()).toBe(0);
    expect(await k.s.orderStatus(second)).toBe('picked_up');
    await db.delete();
  });
});
