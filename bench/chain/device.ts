import { randomUUID } from 'node:crypto';
import { backoffDelay, retryDelay } from '../../renderer/sync/backoff';
import { MAX_PUSH_BATCH } from '../../shared/protocol/limits';
import { openLightSse, type LightEvent } from '../light-sse';
import { LoadDevice } from '../load';
import { call } from './http';
import type { ChainDevice } from './seed';
import type { ChainStats } from './stats';

type Envelope = ReturnType<LoadDevice['nextPickup']>;

/** How a real device paces itself (renderer/sync): a round every 30 s when idle, a report a minute, streams retried within 30 s, a busy server's Retry-After waited out. */
const IDLE_ROUND_MS = 30_000;
const REPORT_EVERY_MS = 60_000;
const STREAM_CAP_MS = 30_000;

/** Where the tablets' events are timed: a call for help from the push to each tablet of its branch. */
export type Deliveries = { heard(device: SimDevice, event: LightEvent): void };

/**
 * A kiosk or tablet as light as a simulation of thousands allows, behaving as the real
 * one does (renderer/sync/sync-engine.ts, live-events.ts): an outbox pushed oldest first
 * in batches and kept until the server answers for each transaction, a pull cursor paged
 * to the end each round, a status report a minute, and one event stream opened with a
 * ticket and reopened with jittered backoff (renderer/sync/backoff.ts, the same function).
 * What it does not do is what costs a real device and not the server: IndexedDB,
 * rendering, the JSON of a pull's orders (only its cursor is read).
 */
export class SimDevice {
  readonly outbox: Envelope[] = [];
  /** when the oldest queued transaction was made */
  oldestQueuedAt: string | null = null;
  failures = 0;
  streamFailures = 0;
  /** the last round pushed everything and pulled to the end */
  caughtUp = true;
  streamOpen = false;
  private readonly load: LoadDevice;
  private cursor: string;
  private lastEventId = 0;
  private lastReport = 0;
  private stopped = false;
  private wake: (() => void) | null = null;
  private kicked = false;
  private closeStream: (() => void) | null = null;
  private answered = false;

  /** `kiosks`: how many the chain has (a kiosk hands over the orders numbered its index modulo that, seed.ts) */
  constructor(readonly device: ChainDevice, kiosks: number, private readonly base: URL, private readonly stats: ChainStats, private readonly deliveries: Deliveries) {
    this.load = new LoadDevice(device, device.index, kiosks);
    this.cursor = device.cursor;
  }

  get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.device.token}`, ...(this.device.session ? { 'x-staff-session': this.device.session } : {}) };
  }

  /** Its loop and its stream, after `afterMs` (devices are switched on through the morning), the first round at a random point of the idle interval. */
  start(afterMs: number): void {
    setTimeout(() => {
      void this.loop(Math.random() * IDLE_ROUND_MS);
      void this.openStream();
    }, afterMs);
  }

  stop(): void {
    this.stopped = true;
    this.closeStream?.();
    this.wake?.();
  }

  /** A day without the server: each call has failed many times, so the next waits a random time up to the cap. */
  failingForADay(): void {
    this.failures = 16;
    this.streamFailures = 16;
    this.answered = false;
  }

  /** Work made at the device (kept in its outbox), and a round started as the real engine does. */
  queue(envelopes: Envelope[]): void {
    if (envelopes.length === 0) return;
    this.outbox.push(...envelopes);
    this.oldestQueuedAt ??= envelopes[0]!.occurredAt;
    this.caughtUp = false;
    this.kick();
  }

  pickups(count: number): Envelope[] {
    const at = new Date().toISOString();
    return Array.from({ length: count }, () => this.load.nextPickup(at));
  }

  assistance(requestId = randomUUID()): Envelope {
    return this.load.assistance(requestId) as unknown as Envelope;
  }

  private kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async loop(firstAfter: number): Promise<void> {
    await this.sleep(firstAfter);
    while (!this.stopped) {
      this.kicked = false;
      let delay = IDLE_ROUND_MS;
      try {
        await this.round();
        this.failures = 0;
      } catch (error) {
        this.failures++;
        // As the real engine: a busy server's Retry-After is waited out.
        delay = retryDelay(this.failures, Math.random, (error as { retryAfterMs?: number }).retryAfterMs);
      }
      // Work queued meanwhile starts a round at once, unless the server is failing.
      if (this.kicked && this.failures === 0) continue;
      await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = this.failures === 0 ? done : () => undefined;
      this.wake = wake;
      function done() { clearTimeout(timer); resolve(); }
      if (this.stopped) done();
    });
  }

  private async ask(what: string, method: string, path: string, body?: string, expected = 200): Promise<string> {
    let answer;
    try {
      answer = await call(this.base, method, path, this.auth, body);
    } catch (error) {
      this.stats.fail(what, (error as Error).message);
      throw error;
    }
    if (answer.status !== expected) {
      this.stats.fail(what, `${answer.status} ${answer.body.slice(0, 160)}`);
      throw Object.assign(new Error(`${what} answered ${answer.status}`), { retryAfterMs: answer.retryAfterMs });
    }
    this.stats.answered(what, answer.ms);
    if (!this.answered && this.stats.serverUp) {
      this.answered = true;
      this.stats.firstCalls.push(performance.now() - this.stats.since);
    }
    return answer.body;
  }

  /** One round: push everything queued, pull every page, report if a minute passed. */
  private async round(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.slice(0, MAX_PUSH_BATCH);
      const body = await this.ask('push', 'POST', '/api/v1/sync/push', JSON.stringify({ deviceId: this.device.id, transactions: batch }));
      const { results } = JSON.parse(body) as { results: { id: string; status: keyof ChainStats['results']; reason?: string }[] };
      const settled = new Set<string>();
      for (const r of results) {
        this.stats.results[r.status]++;
        if (r.status === 'rejected' && this.stats.rejections.length < 10) this.stats.rejections.push(`${this.device.deviceCode} ${r.reason}`);
        if (r.status !== 'deferred') settled.add(r.id);
      }
      const before = this.outbox.length;
      for (let i = this.outbox.length - 1; i >= 0; i--) if (settled.has(this.outbox[i]!.id)) this.outbox.splice(i, 1);
      this.oldestQueuedAt = this.outbox[0]?.occurredAt ?? null;
      if (this.outbox.length === before) break; // all deferred: the next round
    }
    for (let hasMore = true; hasMore;) {
      const page = await this.ask('pull', 'GET', `/api/v1/sync/pull?cursor=${encodeURIComponent(this.cursor)}`);
      // Only the cursor and whether more follow: they lead the answer (the schema's order).
      const head = page.slice(0, 400);
      this.cursor = /"cursor":"([^"]+)"/.exec(head)?.[1] ?? this.cursor;
      hasMore = head.includes('"hasMore":true');
    }
    const now = Date.now();
    if (now - this.lastReport >= REPORT_EVERY_MS) {
      const report = { queued: this.outbox.length, oldestQueuedAt: this.oldestQueuedAt, quarantined: 0, printer: 'ok', appVersion: 'bench' };
      await this.ask('status', 'PUT', '/api/v1/devices/current/status', JSON.stringify(report));
      this.lastReport = now;
    }
    this.caughtUp = this.outbox.length === 0;
  }

  private async openStream(): Promise<void> {
    if (this.stopped) return;
    try {
      const issued = JSON.parse(await this.ask('ticket', 'POST', '/api/v1/events/ticket', undefined, 201)) as { ticket: string; newest?: number };
      const since = this.lastEventId || issued.newest || 0;
      const stream = await openLightSse(`${this.base.origin}/api/v1/events?ticket=${encodeURIComponent(issued.ticket)}&since=${since}`, {
        event: (e) => {
          if (e.id) this.lastEventId = e.id;
          this.deliveries.heard(this, e);
        },
        end: (reason) => {
          this.streamOpen = false;
          this.closeStream = null;
          if (this.stopped) return;
          this.stats.fail('stream', `ended: ${reason}`);
          this.retryStream();
        },
      });
      if (stream.status !== 200) {
        this.stats.fail('stream', `answered ${stream.status} ${stream.body?.slice(0, 160) ?? ''}`);
        throw new Error(`stream ${stream.status}`);
      }
      this.closeStream = stream.close;
      this.streamOpen = true;
      this.streamFailures = 0;
      if (this.stats.serverUp) this.stats.reconnects.push(performance.now() - this.stats.since);
    } catch {
      this.retryStream();
    }
  }

  private retryStream(): void {
    this.streamFailures++;
    setTimeout(() => void this.openStream(), backoffDelay(this.streamFailures, Math.random, 1000, STREAM_CAP_MS));
  }
}
