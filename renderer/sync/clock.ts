import type { KioskDb } from '../db/kiosk-db';

/** A sample whose request took longer than this says too little about the server's clock. */
const MAX_USEFUL_ROUND_TRIP_MS = 10_000;
/** An offset that moved less than this is not written again (every answer carries the time). */
const STORE_WHEN_MOVED_MS = 500;

/**
 * The server's time as this device knows it. Every answer of the server carries its
 * clock (SERVER_TIME_HEADER); the offset is the server's time less the middle of the
 * request, as NTP takes it, kept in the device's store so that a device that starts
 * offline still stamps the server's time. A tablet or kiosk whose own clock is a day
 * off then stamps its transactions, decides a session's expiry and names its day as the
 * server would. A sample from a slow round trip replaces a better one only once that
 * one is old: a clock can be reset, and the offset must follow it.
 */
export class DeviceClock {
  private offsetMs = 0;
  private roundTripMs = Infinity;
  private learnedAt = -Infinity;
  private stored = 0;

  constructor(
    private readonly db: Pick<KioskDb, 'getSetting' | 'putSetting'> | null = null,
    private readonly deviceNow: () => number = Date.now,
  ) {}

  /** The offset last learned, from the store (before the first request). */
  async load(): Promise<void> {
    const saved = await this.db?.getSetting('clock');
    if (saved) Object.assign(this, { offsetMs: saved.offsetMs, roundTripMs: saved.roundTripMs, learnedAt: saved.learnedAt, stored: saved.offsetMs });
  }

  /** The server's time now, as far as this device knows. */
  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return this.deviceNow() + this.offsetMs;
  }

  /** The device's own clock, uncorrected (for the record only). */
  deviceTime(): Date {
    return new Date(this.deviceNow());
  }

  /** How far the server's clock is ahead of the device's (negative: behind). */
  offset(): number {
    return this.offsetMs;
  }

  /** One answer's server time, with when its request left and its answer came (device clock). */
  learn(serverMs: number, sentAt: number, receivedAt: number): void {
    const roundTrip = receivedAt - sentAt;
    if (!Number.isFinite(serverMs) || roundTrip < 0 || roundTrip > MAX_USEFUL_ROUND_TRIP_MS) return;
    // A better (shorter) round trip always wins; a worse one once the better is a minute old.
    if (roundTrip > this.roundTripMs && Math.abs(receivedAt - this.learnedAt) < 60_000) return;
    this.offsetMs = Math.round(serverMs - (sentAt + receivedAt) / 2);
    this.roundTripMs = roundTrip;
    this.learnedAt = receivedAt;
    if (Math.abs(this.offsetMs - this.stored) >= STORE_WHEN_MOVED_MS && this.db) {
      this.stored = this.offsetMs;
      void this.db.putSetting('clock', { offsetMs: this.offsetMs, roundTripMs: roundTrip, learnedAt: receivedAt }).catch(() => undefined);
    }
  }
}
