import { IdentityStore } from '../../../renderer/db/identity-store';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { enrol } from '../../../renderer/app/enrol';
import { KioskDb } from '../../../renderer/db/kiosk-db';
import { LocalChanges } from '../../../renderer/db/local-changes';
import { recordPickup } from '../../../renderer/db/pickup-repo';
import { ApiClient } from '../../../renderer/sync/api-client';
import type { LockPort } from '../../../renderer/sync/locks';
import { SyncEngine } from '../../../renderer/sync/sync-engine';
import { injectFetch } from '../../fakes/inject-fetch';
import { memoryLocks } from '../../fakes/memory-locks';
import { eventually } from '../../support/eventually';
import { createTestServer, type TestServer } from '../../server/support/test-app';

/**
 * A kiosk's store and sync engine (fake-indexeddb, the real Dexie schema and engine)
 * against an in-process server on its own database. `openWindow` opens the same
 * IndexedDB again, as a second window or a reloaded page would.
 */
export async function kioskAgainstServer(options: { bodyLimit?: number } = {}) {
  const s: TestServer = await createTestServer(options);
  await s.addBranch('MSK1');
  const net = injectFetch(s.app);
  const api = new ApiClient('http://okno.test', net);
  const factory = new IDBFactory();
  const locks = memoryLocks();
  const dbName = 'okno-kiosk-test';
  const openDb = () => new KioskDb(dbName, { indexedDB: factory, IDBKeyRange });
  const db = openDb();
  const { code } = await s.services.enrollment.createCode({ branchCode: 'MSK1' });
  const enrolled = await enrol(db, new IdentityStore(db), api, code);
  if (!enrolled.ok) throw new Error(`enrolment failed: ${enrolled.code}`);

  function engine(onDb: KioskDb = db, lockPort: LockPort = locks, onApi: ApiClient = api) {
    return new SyncEngine({ db: onDb, api: onApi, locks: lockPort, random: () => 0.5, batchSize: 50, idleRoundMs: 20 });
  }

  /** Queues a pickup locally, as the kiosk's confirm button does once staff brought the goods (the server hears that they did). */
  async function pickUp(code: string, options: { onDb?: KioskDb; now?: Date } = {}) {
    s.bring((await db.getSetting('identity'))!.deviceId, code);
    const outcome = await recordPickup(new LocalChanges(options.onDb ?? db), { code, verifiedBy: 'phone', lang: 'ru', now: options.now ?? new Date() });
    if (!outcome.ok) throw new Error(`pickup of ${code} refused locally: ${outcome.code}`);
    return outcome.receipt;
  }

  /**
   * Pulls until every code is in the local cache. One pull may not be enough: the server
   * only hands out rows older than every transaction still running in the database (on a
   * shared PostgreSQL that includes other tests'), and returns the rest on a later pull.
   */
  async function syncUntilCached(codes: string[], onDb: KioskDb = db) {
    for (let attempt = 0; attempt < 200; attempt++) {
      await engine(onDb).syncOnce();
      const cached = await onDb.orders.bulkGet(codes);
      if (cached.every(Boolean)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the orders never arrived in the local cache');
  }

  /**
   * Pulls page by page by hand (no push) until `code` has come with a pull, whether or
   * not the local store took it: what a kiosk sees while a push of it is still failing.
   */
  async function pullUntilSeen(code: string) {
    const { applyPullPage } = await import('../../../renderer/sync/apply-pull');
    let pulled: string[] = [];
    await eventually(async () => {
      const pull = await api.pull((await db.getSetting('identity'))!.token!, await db.getSetting('pullCursor'));
      await applyPullPage(db, pull, Date.now());
      pulled = [...pulled, ...pull.changes.orders.map((o) => o.code)];
      return pulled.includes(code);
    }, `order ${code} to come with a pull`);
  }

  async function serverTransactions() {
    const { rows } = await s.db.query<{ id: string; seq: number; status: string; reason: string | null; occurredAt: Date }>(
      'SELECT id, seq, status, reason, occurred_at AS "occurredAt" FROM transactions ORDER BY seq',
    );
    return rows;
  }

  async function close() {
    db.close();
    await s.close();
  }

  return { s, net, api, db, openDb, engine, pickUp, syncUntilCached, pullUntilSeen, serverTransactions, close };
}
export type KioskHarness = Awaited<ReturnType<typeof kioskAgainstServer>>;
