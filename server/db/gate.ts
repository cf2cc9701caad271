import { AsyncLocalStorage } from 'node:async_hooks';
import { ServerBusyError } from '../errors';

/**
 * The longest a request waits for its turn: under the 20 s after which a device gives up
 * on an answer (REQUEST_TIMEOUT_MS), so the device hears "busy" rather than nothing.
 */
export const TURN_WAIT_MS = 15_000;

/** When the work running in this async context stops waiting for turns (see `waitingUntil`). */
const deadlines = new AsyncLocalStorage<number>();

/**
 * Runs `fn` with one budget for all the turns it waits for, whichever gates they are at:
 * at `deadline` (ms since the epoch) a turn not yet given is "busy". A push waits for the
 * pushes' share, then for a connection; each wait alone fits under the device's 20 s,
 * both together did not, and an answer after the device gave up is a failed call and a
 * resend (bench:chain).
 */
export function waitingUntil<T>(deadline: number, fn: () => Promise<T>): Promise<T> {
  return deadlines.run(deadline, fn);
}

/** Runs `fn` with no request's budget: work that outlives the request which started it (a branch's event reads). */
export function withoutDeadline<T>(fn: () => T): T {
  return deadlines.exit(fn);
}

/**
 * So many at once, the rest in order of arrival, and none waiting longer than `waitMs`.
 *
 * Why okno needs its own: pg-pool's one timeout (connectionTimeoutMillis, 5 s) covers both
 * opening a connection and waiting for a busy pool's next free one, so a server merely
 * busy (a chain's kiosks back from an outage at once, bench:chain) told devices their
 * database was unreachable. With this in front, the pool never queues: its 5 s means a
 * database that does not answer, and a wait here that runs out means busy (503
 * `server-busy`, Retry-After), said as such. Both are retried by the devices; only the
 * words differ, and an operator reading the log needs them right.
 */
export class Gate {
  private readonly queue: { go(): void; timer: NodeJS.Timeout }[] = [];
  private free: number;

  /**
   * `maxWaiting`: more in line than this are told "busy" at once. Past what the permits
   * serve within `waitMs`, a longer line only makes more requests wait 15 s to hear it,
   * and each one's device sent it again a second later (its backoff started small; devices
   * now wait out the Retry-After): at 5,000 kiosks the line was a retry storm in which the
   * pushes served fell to a third.
   */
  constructor(readonly permits: number, private readonly waitMs: number, private readonly what: string, private readonly maxWaiting = Infinity) {
    this.free = permits;
  }

  /** how many wait for a turn */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await fn();
    } finally {
      this.leave();
    }
  }

  private enter(): Promise<void> {
    if (this.free > 0 && this.queue.length === 0) {
      this.free--;
      return Promise.resolve();
    }
    if (this.queue.length >= this.maxWaiting) return Promise.reject(this.busy());
    const deadline = deadlines.getStore();
    const waitMs = deadline === undefined ? this.waitMs : Math.min(this.waitMs, deadline - Date.now());
    if (waitMs <= 0) return Promise.reject(this.busy());
    return new Promise<void>((resolve, reject) => {
      const turn = {
        go: () => { clearTimeout(turn.timer); resolve(); },
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(turn), 1);
          reject(this.busy());
        }, waitMs),
      };
      this.queue.push(turn);
    });
  }

  private busy(): ServerBusyError {
    return new ServerBusyError(`the server is busy (${this.what}): nothing was changed, try again shortly`, Math.ceil(this.waitMs / 1000));
  }

  private leave(): void {
    const next = this.queue.shift();
    // The turn passes straight to the next in line: the count of free places does not change.
    if (next) next.go();
    else this.free++;
  }
}
