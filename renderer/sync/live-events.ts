import { retryDelay } from './backoff';

export type LiveEvent = { id: number; name: string; data: Record<string, unknown> };

/** What the live channel needs from its host: a one-use ticket, and a way to open a stream. */
export type LiveEventsPorts = {
  /**
   * A fresh ticket for the stream, and the last event id from before the branch's day began
   * (where a device that has seen nothing yet starts); null while the device cannot have
   * one (offline, signed out).
   */
  ticket(): Promise<{ ticket: string; todayFrom: number; newest?: number | undefined } | null>;
  open(url: string): EventSource;
};

/**
 * The device's ear on the server's live events (docs/architecture.md, "Live events").
 * EventSource reconnects by itself with Last-Event-ID, but a ticket opens one stream
 * once: so on any error this closes the stream and opens a new one with a new ticket
 * and `since` the last event it had, after a growing pause. Events are handed on once
 * each, in id order. The facts never depend on this: they travel through the outbox.
 */
export class LiveEvents {
  private source: EventSource | null = null;
  private last = 0;
  private stopped = true;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(event: LiveEvent) => void>();

  constructor(private readonly baseUrl: string, private readonly names: readonly string[], private readonly ports: LiveEventsPorts) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let busyFor: number | undefined;
    const issued = await this.ports.ticket().catch((error: unknown) => {
      // A busy server says when to come back (503 server-busy, Retry-After; api-client.ts).
      busyFor = (error as { retryAfterMs?: number } | null)?.retryAfterMs;
      return null;
    });
    if (this.stopped) return;
    if (!issued) return this.retry(busyFor);
    // Nothing seen yet (a page just opened, a staff member just signed in): today's events,
    // not every day the server holds; a call left open yesterday is no one's call now.
    if (this.last === 0) this.last = issued.todayFrom;
    // Seen more than the server has: it was restored to an earlier point and gives out
    // those ids again. From its newest on, none of them is dropped as already seen.
    if (issued.newest !== undefined && this.last > issued.newest) this.last = issued.newest;
    const source = this.ports.open(`${this.baseUrl}/api/v1/events?ticket=${encodeURIComponent(issued.ticket)}&since=${this.last}`);
    this.source = source;
    source.onopen = () => { this.failures = 0; };
    source.onerror = () => {
      source.close();
      if (this.source === source) this.source = null;
      this.retry();
    };
    for (const name of this.names) {
      source.addEventListener(name, (message) => {
        const id = Number((message as MessageEvent<string>).lastEventId);
        if (!(id > this.last)) return;
        this.last = id;
        const data = JSON.parse((message as MessageEvent<string>).data) as Record<string, unknown>;
        for (const listener of this.listeners) listener({ id, name, data });
      });
    }
  }

  private retry(retryAfterMs?: number): void {
    if (this.stopped) return;
    this.failures += 1;
    this.timer = setTimeout(() => void this.connect(), retryDelay(this.failures, Math.random, retryAfterMs, 30_000));
  }
}
