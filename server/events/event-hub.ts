import type { Db } from '../db/db';
import { EVENTS_CHANNEL, type BranchEvent } from '../../shared/protocol/live-events';
import { hears, type Reader, type StoredEvent } from '../repositories/event-repo';
import { withoutDeadline } from '../db/gate';

/** An open stream of one device in this process, and where it stands in its branch's events. */
export type Subscriber = {
  reader: Reader;
  /** the last event id it has been given (or skipped: not for it) */
  last: number;
  /**
   * The branch's newest event id as it opened: what it is given up to that is its replay,
   * not timed as a delivery (onDelivered). Its first `last` when not said.
   */
  openedAt?: number;
  /** its events, oldest first; it may end itself on one (a sign-out, a revocation) */
  deliver(events: BranchEvent[]): void;
  end(): void;
};

/** How many events one read takes; a stream replaying a busy day pages through it. */
const PAGE = 500;
/** How soon a branch whose read failed reads again. */
const RETRY_READ_MS = 2_000;

type BranchState = { subscribers: Set<Subscriber>; reading: boolean; again: boolean; retry: ReturnType<typeof setTimeout> | null };

/**
 * This process's ear on the database, and its one reader of events: one LISTEN for all
 * branches, and a NOTIFY naming the branch whose events grew is answered by ONE read of
 * that branch's new events, handed to each of the branch's open streams here as far as
 * it may hear them. So an event costs each server process one query however many streams
 * it serves (it cost one per stream: issue 22). A stream that opens replaying from
 * further back makes the branch read from there; the others skip what they had.
 * After the listening connection is made again, every branch is read once more; a read
 * that fails is tried again in 2 s, and the streams stay open meanwhile, missing nothing.
 */
export class EventHub {
  private readonly branches = new Map<string, BranchState>();
  /** each device's open streams, oldest first */
  private readonly byDevice = new Map<string, Subscriber[]>();
  private stop: (() => Promise<void>) | null = null;
  /** reads of the event table this process made (the benchmark and a test count them) */
  reads = 0;
  /**
   * Told, for each event handed to at least one stream, how old it was (seconds since the
   * transaction that made it began) once written to the last of them: the metrics'
   * okno_event_delivery_seconds, the server's own part of "push → event at a tablet".
   */
  onDelivered: ((seconds: number) => void) | null = null;

  /**
   * `streamsPerDevice`: a device opening one more ends its oldest. A reconnect after a
   * network flap leaves the old stream half-open until its heartbeat fails; the newest is
   * the live one, and a device (or a loop in one) cannot pile streams up.
   */
  constructor(
    private readonly db: Pick<Db, 'listen'>,
    private readonly read: (branchId: string, afterId: number, limit: number) => Promise<StoredEvent[]>,
    private readonly log: (line: string) => void = () => {},
    private readonly streamsPerDevice = 3,
  ) {}

  async start(): Promise<void> {
    this.stop = await this.db.listen(EVENTS_CHANNEL, (branchId) => (branchId === null ? this.wakeAll() : this.wake(branchId)));
  }

  /** Adds an open stream; it is given what it missed since its `last` at once. */
  subscribe(subscriber: Subscriber): () => void {
    subscriber.openedAt ??= subscriber.last;
    const { branchId, deviceId } = subscriber.reader;
    let branch = this.branches.get(branchId);
    if (!branch) this.branches.set(branchId, (branch = { subscribers: new Set(), reading: false, again: false, retry: null }));
    branch.subscribers.add(subscriber);
    const own = this.byDevice.get(deviceId) ?? [];
    own.push(subscriber);
    this.byDevice.set(deviceId, own);
    while (own.length > this.streamsPerDevice) own.shift()!.end();
    this.wake(branchId);
    return () => {
      branch.subscribers.delete(subscriber);
      if (branch.subscribers.size === 0 && !branch.reading) {
        if (branch.retry) clearTimeout(branch.retry);
        this.branches.delete(branchId);
      }
      const i = own.indexOf(subscriber);
      if (i >= 0) own.splice(i, 1);
      if (own.length === 0 && this.byDevice.get(deviceId) === own) this.byDevice.delete(deviceId);
    };
  }

  /** How many streams are open in this process (the metrics, the benchmark). */
  get open(): number {
    let n = 0;
    for (const b of this.branches.values()) n += b.subscribers.size;
    return n;
  }

  /** Reads the branch's new events once and hands them out; reads never overlap (a wake meanwhile reads again after). */
  private wake(branchId: string): void {
    const branch = this.branches.get(branchId);
    if (!branch) return;
    if (branch.reading) {
      branch.again = true;
      return;
    }
    branch.reading = true;
    // Started from a request (a stream that opens), the reads serve every stream of the
    // branch for as long as they run: a request's spent budget must not make them "busy".
    void withoutDeadline(async () => {
      try {
        do {
          branch.again = false;
          for (;;) {
            const subscribers = [...branch.subscribers];
            if (subscribers.length === 0) break;
            const from = Math.min(...subscribers.map((s) => s.last));
            this.reads += 1;
            const events = await this.read(branchId, from, PAGE);
            const through = events.at(-1)?.id;
            // Each event as the streams are given it, made once: every stream of the branch
            // gets the same object, so its frame is written once too (sseFrame's cache). At
            // thousands of streams a process, per-stream copies were most of an event's cost.
            const shown = events.map(({ audience: _a, deviceId: _d, ...event }) => event);
            // Only events made after their stream opened are timed: a stream opening with a
            // replay of the morning (or of what it missed while a worker restarted) is not a
            // late delivery.
            const handed = new Set<BranchEvent>();
            for (const s of subscribers) {
              if (!branch.subscribers.has(s)) continue;
              const theirs = shown.filter((e, i) => e.id > s.last && hears(s.reader, events[i]!));
              if (through !== undefined) s.last = Math.max(s.last, through);
              if (theirs.length > 0) s.deliver(theirs);
              for (const e of theirs) if (e.id > s.openedAt!) handed.add(e);
            }
            if (this.onDelivered) {
              const now = Date.now();
              for (const e of handed) this.onDelivered(Math.max(0, now - Date.parse(e.at)) / 1000);
            }
            if (events.length < PAGE) break;
          }
        } while (branch.again);
      } catch (error) {
        // The database is away (or the read failed): every stream stays open on its
        // heartbeat and keeps its place; the branch reads again shortly, and at once when
        // the LISTEN comes back.
        this.log(`event streams of branch ${branchId}: ${(error as Error).message}; reading again in ${RETRY_READ_MS / 1000} s`);
        branch.retry ??= setTimeout(() => { branch.retry = null; this.wake(branchId); }, RETRY_READ_MS);
      } finally {
        branch.reading = false;
        if (branch.subscribers.size === 0 && !branch.retry && this.branches.get(branchId) === branch) this.branches.delete(branchId);
      }
    });
  }

  private wakeAll(): void {
    for (const branchId of this.branches.keys()) this.wake(branchId);
  }

  /** Ends every open stream (the server is stopping: it must not wait for clients to leave). */
  endAll(): void {
    for (const b of [...this.branches.values()]) for (const s of [...b.subscribers]) s.end();
  }

  async close(): Promise<void> {
    for (const b of this.branches.values()) if (b.retry) clearTimeout(b.retry);
    await this.stop?.();
    this.stop = null;
  }
}
