import { MAX_PUSH_BATCH } from '../../shared/protocol/limits';
import { IdentityStore, type Identity } from '../db/identity-store';
import type { KioskDb } from '../db/kiosk-db';
import { type ApiClient, OfflineError, RequestRejectedError } from './api-client';
import { applyPullPage } from './apply-pull';
import { retryDelay } from './backoff';
import type { LockPort } from './locks';
import { refreshRejected } from './refresh-rejected';
import { requeueAfterRestore } from './restore';
import { learnResolved } from './resolved-rejections';
import { settleResults, toEnvelope } from './settle';
import { INITIAL_SYNC_STATUS, type SyncProblem, type SyncStatus } from './sync-status';

export const SYNC_LOCK = 'okno-sync';

export type SyncEngineOptions = {
  db: KioskDb;
  api: Pick<ApiClient, 'push' | 'pull' | 'order' | 'ownRejections'>;
  locks: LockPort;
  /** where the device token is; by default beside the ids in IndexedDB */
  identity?: IdentityStore;
  now?: () => number;
  random?: () => number;
  batchSize?: number;
  /** how often to pull when nothing else wakes the loop */
  idleRoundMs?: number;
  /** after a round that reached the server: tell it how the device is (device-report.ts) */
  afterRound?: (token: string, status: SyncStatus) => Promise<void>;
};

/**
 * Drains the outbox to the server and pulls the branch's changes. One owner per device:
 * the loop runs inside a Web Lock, so a second window waits instead of pushing the same
 * rows. Safety never rests on the lock alone: the server answers a repeated id with
 * `duplicate`, and a row leaves the outbox only when the server has acknowledged its id.
 */
export class SyncEngine {
  private status: SyncStatus = INITIAL_SYNC_STATUS;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private stopped = false;
  private kicked = false;
  private wake: (() => void) | null = null;
  private failures = 0;
  private readonly roundWaiters: (() => void)[] = [];
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly batchSize: number;
  private readonly idleRoundMs: number;
  private readonly identity: IdentityStore;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    // As large as the server takes: a round trip costs more than the rows in it
    // (10,000 queued drain in about 3 s at 500 a batch, 6 s at 200; docs/benchmarks.md).
    this.batchSize = options.batchSize ?? MAX_PUSH_BATCH;
    this.idleRoundMs = options.idleRoundMs ?? 30_000;
    this.identity = options.identity ?? new IdentityStore(options.db);
  }

  /** Runs until `stop()`; resolves then. Waits for the lock if another window holds it. */
  run(): Promise<void> {
    this.stopped = false;
    return this.options.locks.request(SYNC_LOCK, () => this.loop());
  }

  /** Something changed (a pickup was queued, the network came back): sync now. */
  kick(): void {
    this.kicked = true;
    this.failures = 0;
    this.wake?.();
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
    for (const done of this.roundWaiters.splice(0)) done();
  }

  /**
   * Syncs now and resolves once a round that began after this call is over (or after
   * `timeoutMs`, whichever is first): for a screen that asks the server before it gives
   * up, e.g. a card scanned a moment after it was issued. Only the window holding the sync
   * lock runs rounds; in another this just waits out the time.
   */
  roundNow(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.roundWaiters.push(done);
      this.kick();
    });
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  /** Re-reads the queue counts; the UI calls it after a local write. */
  async refreshCounts(): Promise<void> {
    const { db } = this.options;
    const [queued, oldest, quarantined, waitingForServer, lastSyncAt] = await Promise.all([
      db.outbox.count(), db.outbox.orderBy('seq').first(), db.quarantine.filter((r) => r.resolvedAt === undefined).count(),
      db.outbox.filter((r) => r.waitingForServer !== undefined).count(), db.getSetting('lastSyncAt'),
    ]);
    this.update({ queued, oldestQueuedAt: oldest?.queuedAt ?? null, quarantined, waitingForServer, lastSyncAt: lastSyncAt ?? null });
  }

  /** One round: push everything queued, then pull every page. Throws when the server cannot be reached. */
  async syncOnce(): Promise<void> {
    const identity = await this.identity.get();
    if (!identity) return;
    try {
      await this.pushAll(identity.token, identity.deviceId);
      await refreshRejected(this.options.db, this.options.api, identity.token);
      await learnResolved(this.options.db, this.options.api, identity.token);
      // A server restored to an earlier point lacks what this device settled: pushed again.
      if (await requeueAfterRestore(this.options.db, await this.pullAll(identity))) await this.pushAll((await this.identity.get())?.token ?? identity.token, identity.deviceId);
      this.update({ online: true, serverBusy: false, unauthorised: false, problem: null, problemDetail: null });
    } catch (error) {
      const problem = problemOf(error);
      // A server that answered "busy" is reachable: staff are told it is busy, not that the
      // network is down. `online` stays false, as for every round the server did not serve:
      // what the kiosk tells a customer waiting for their goods does not change.
      const serverBusy = error instanceof OfflineError && error.reason === 'server-busy';
      // A failure of the device itself is not "offline": staff see it, with what failed.
      this.update({ online: problem === 'device-error' ? this.status.online : false, serverBusy, unauthorised: problem === 'unauthorised', problem, problemDetail: problem === 'device-error' ? String((error as Error)?.message ?? error) : null });
      // The server may well be reachable: the back office hears why this device is stuck.
      if (problem === 'device-error' || problem === 'batch-refused') await this.report(identity.token);
      throw error;
    } finally {
      await this.refreshCounts();
    }
    // A status that cannot be sent now goes with the next round; the round itself is done.
    // With the token the round may have brought (pullAll).
    await this.report((await this.identity.get())?.token ?? identity.token);
  }

  private async report(token: string): Promise<void> {
    await this.options.afterRound?.(token, this.status).catch((error: unknown) => {
      if (!(error instanceof OfflineError || error instanceof RequestRejectedError)) console.error('the device status report failed', error);
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.kicked = false;
      // Who asked for a round before this one began is answered when it ends; who asks
      // during it waits for the next (its kick makes that one come at once).
      const waiting = this.roundWaiters.splice(0);
      let delay = this.idleRoundMs;
      try {
        await this.syncOnce();
        this.failures = 0;
      } catch (error) {
        if (!(error instanceof OfflineError || error instanceof RequestRejectedError)) console.error('sync round failed', error);
        this.failures += 1;
        delay = retryDelay(this.failures, this.random, error instanceof OfflineError ? error.retryAfterMs : undefined);
      }
      for (const done of waiting) done();
      if (!this.kicked && !this.stopped) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => { this.wake = null; done(); };
    });
  }

  /** Pushes everything queued, oldest first, without pulling. Throws when the server cannot be reached. */
  async push(): Promise<void> {
    const identity = await this.identity.get();
    if (identity) await this.pushAll(identity.token, identity.deviceId);
  }

  private async pushAll(token: string, deviceId: string): Promise<void> {
    const { db, api } = this.options;
    let size = this.batchSize;
    for (;;) {
      // Oldest first, around those waiting for the server to be updated (settle.ts).
      const now = this.now();
      const rows = await db.outbox.orderBy('seq').filter((r) => (r.waitingForServer?.retryAt ?? 0) <= now).limit(size).toArray();
      if (rows.length === 0) return;
      let results;
      try {
        ({ results } = await api.push(token, deviceId, rows.map(toEnvelope)));
      } catch (error) {
        // Too large for the server: the same rows in smaller batches. Any other refusal of
        // the whole batch (400: a protocol mismatch) says nothing about one row, so no row
        // is quarantined for it: the round fails, staff see why, and it is retried with
        // backoff (PowerSync's trap is a queue drained into quarantine by a server bug).
        if (error instanceof RequestRejectedError && error.status === 413 && rows.length > 1) {
          size = Math.ceil(rows.length / 2);
          continue;
        }
        throw error;
      }
      const { settled, deferred } = await settleResults(db, rows, results, this.now());
      if (settled + deferred === 0) throw new OfflineError('the server acknowledged none of the batch');
    }
  }

  /**
   * Pulls every page; returns the server's mark of this device's seqs (restore.ts), as the
   * first page said. A page that brings the device a new token (the server rotates them)
   * has it kept before anything else, and the rest of the round uses it; the one it
   * replaces still works for a grace period, so a crash in between loses nothing.
   */
  private async pullAll(identity: Identity): Promise<number | undefined> {
    const { db, api } = this.options;
    let lastSeq: number | undefined;
    let token = identity.token;
    for (let first = true; ; first = false) {
      const page = await api.pull(token, await db.getSetting('pullCursor'));
      if (page.newToken) {
        await this.identity.put({ ...identity, token: page.newToken });
        token = page.newToken;
      }
      if (first) lastSeq = page.deviceLastSeq;
      await applyPullPage(db, page, this.now());
      if (!page.hasMore) return lastSeq;
    }
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }
}

/** What staff must be told when a round fails for a reason waiting will not fix. */
function problemOf(error: unknown): SyncProblem | null {
  if (error instanceof OfflineError) return null;
  if (!(error instanceof RequestRejectedError)) return 'device-error';
  if (error.status === 401) return 'unauthorised';
  if (error.status === 426) return 'needs-update';
  if (error.status === 400 || error.status === 413) return 'batch-refused';
  return null;
}
