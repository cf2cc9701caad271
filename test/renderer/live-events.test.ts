import { describe, expect, it } from 'vitest';
import { LiveEvents, type LiveEvent } from '../../renderer/sync/live-events';
import { OfflineError } from '../../renderer/sync/api-client';
import { eventually } from '../support/eventually';

/** A stream the test feeds by hand: what EventSource gives the listeners it was handed. */
class FakeSource {
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readonly listeners = new Map<string, (m: MessageEvent<string>) => void>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(name: string, listener: (m: MessageEvent<string>) => void) { this.listeners.set(name, listener); }
  close() { this.closed = true; }
  send(name: string, id: number) { this.listeners.get(name)?.({ lastEventId: String(id), data: '{}' } as MessageEvent<string>); }
  fail() { this.onerror?.(); }
}

describe('live events after the server was restored to an earlier point', () => {
  it('a device that saw ids the restored server has not given out yet starts from its newest, and drops none of the new ones', async () => {
    const sources: FakeSource[] = [];
    let newest = 40;
    const live = new LiveEvents('http://okno.test', ['call'], {
      ticket: async () => ({ ticket: 't', todayFrom: 30, newest }),
      open: (url) => { const s = new FakeSource(url); sources.push(s); return s as unknown as EventSource; },
    });
    const heard: LiveEvent[] = [];
    live.subscribe((e) => heard.push(e));
    live.start();
    await eventually(async () => sources.length === 1, 'the stream to open');
    expect(sources[0]!.url).toContain('since=30');
    sources[0]!.send('call', 41);
    sources[0]!.send('call', 50);
    // The server is restored to a backup whose newest event is 20: it gives out 21, 22 … again.
    newest = 20;
    sources[0]!.fail();
    await eventually(async () => sources.length === 2, 'the stream to open again', 5_000);
    expect(sources[1]!.url).toContain('since=20');
    sources[1]!.send('call', 21);
    sources[1]!.send('call', 21); // the same event twice is still once
    expect(heard.map((e) => e.id)).toEqual([41, 50, 21]);
    live.stop();
  });
});

describe('live events from a busy server', () => {
  it('a ticket refused "busy, come back in 2 s" is asked for again after those 2 s, not after the 1 s backoff', async () => {
    const asked: number[] = [];
    const sources: FakeSource[] = [];
    const live = new LiveEvents('http://okno.test', ['call'], {
      ticket: async () => {
        asked.push(Date.now());
        if (asked.length === 1) throw new OfflineError('the server answered 503', 2_000);
        return { ticket: 't', todayFrom: 0 };
      },
      open: (url) => { const s = new FakeSource(url); sources.push(s); return s as unknown as EventSource; },
    });
    live.start();
    await eventually(async () => sources.length === 1, 'the stream to open once the server has time', 10_000);
    expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(2_000);
    live.stop();
  });
});

