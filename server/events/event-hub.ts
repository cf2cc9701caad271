import type { Db } from '../db/db';
import { EVENTS_CHANNEL } from '../../shared/protocol/live-events';

/** Something waiting for a branch's events in this process: an open stream of one device. */
export type Subscriber = { branchId: string; deviceId: string; wake(): void; end(): void };

/**
 * This process's ear on the database: one LISTEN for all branches. A NOTIFY names the
 * branch whose events grew, and every open stream of that branch here is woken to read
 * them from the table, so any number of server processes on one database serve the same
 * streams. After the listening connection is made again, every stream looks once more.
 */
export class EventHub {
  private readonly byBranch = new Map<string, Set<Subscriber>>();
  /** each device's open streams, oldest first */
  private readonly byDevice = new Map<string, Subscriber[]>();
  private stop: (() => Promise<void>) | null = null;

  /**
   * `streamsPerDevice`: a device opening one more ends its oldest. A reconnect after a
   * network flap leaves the old stream half-open until its heartbeat fails; the newest is
   * the live one, and a device (or a loop in one) cannot pile streams up.
   */
  constructor(private readonly db: Pick<Db, 'listen'>, private readonly streamsPerDevice = 3) {}

  async start(): Promise<void> {
    this.stop = await this.db.listen(EVENTS_CHANNEL, (branchId) => (branchId === null ? this.wakeAll() : this.wake(branchId)));
  }

  subscribe(subscriber: Subscriber): () => void {
    let set = this.byBranch.get(subscriber.branchId);
    if (!set) this.byBranch.set(subscriber.branchId, (set = new Set()));
    set.add(subscriber);
    const own = this.byDevice.get(subscriber.deviceId) ?? [];
    own.push(subscriber);
    this.byDevice.set(subscriber.deviceId, own);
    while (own.length > this.streamsPerDevice) own.shift()!.end();
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.byBranch.delete(subscriber.branchId);
      const i = own.indexOf(subscriber);
      if (i >= 0) own.splice(i, 1);
      if (own.length === 0 && this.byDevice.get(subscriber.deviceId) === own) this.byDevice.delete(subscriber.deviceId);
    };
  }

  /** How many streams are open in this process (for the benchmark and the log). */
  get open(): number {
    let n = 0;
    for (const set of this.byBranch.values()) n += set.size;
    return n;
  }

  private wake(branchId: string): void {
    for (const s of this.byBranch.get(branchId) ?? []) s.wake();
  }

  private wakeAll(): void {
    for (const set of this.byBranch.values()) for (const s of set) s.wake();
  }

  /** Ends every open stream (the server is stopping: it must not wait for clients to leave). */
  endAll(): void {
    for (const set of [...this.byBranch.values()]) for (const s of [...set]) s.end();
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.stop = null;
  }
}
