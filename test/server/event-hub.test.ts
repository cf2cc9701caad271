import { describe, expect, it } from 'vitest';
import type { BranchEvent } from '../../shared/protocol/live-events';
import { EventHub, type Subscriber } from '../../server/events/event-hub';
import type { StoredEvent } from '../../server/repositories/event-repo';
import { eventually } from '../support/eventually';

/**
 * The hub reads a branch's new events once per process and hands each stream its own
 * (issue 22: an event cost one query per open stream). The table here is an array; the
 * reads are counted.
 */
function harness() {
  const table: StoredEvent[] = [];
  let notify: (branchId: string | null) => void = () => {};
  const reads: { branchId: string; after: number }[] = [];
  const hub = new EventHub(
    { listen: async (_channel, onNotify) => { notify = onNotify; return async () => {}; } },
    async (branchId, after, limit) => {
      reads.push({ branchId, after });
      return table.filter((e) => e.id > after && e.deviceId !== 'other-branch').slice(0, limit);
    },
  );
  const append = (e: Omit<StoredEvent, 'id' | 'at' | 'data'>) => table.push({ ...e, id: table.length + 1, at: new Date().toISOString(), data: {} });
  const stream = (deviceId: string, staff: boolean, last = 0) => {
    const got: BranchEvent[] = [];
    const s: Subscriber = { reader: { branchId: 'b1', deviceId, staff }, last, deliver: (events) => got.push(...events), end: () => {} };
    return { s, got, unsubscribe: hub.subscribe(s) };
  };
  return { hub, table, reads, append, stream, notify: (b: string | null) => notify(b) };
}

describe('the event hub', () => {
  it('reads once for 2,000 open streams, and gives each stream only what it may hear, once', async () => {
    const h = harness();
    await h.hub.start();
    const kiosks = Array.from({ length: 1500 }, (_, i) => h.stream(`kiosk-${i}`, false));
    const tablets = Array.from({ length: 500 }, (_, i) => h.stream(`tablet-${i}`, true));
    await eventually(async () => h.reads.length > 0 && !h.hub['branches'].get('b1')!.reading, 'the opening reads');
    const before = h.hub.reads;

    h.append({ name: 'pull.now', audience: 'device', deviceId: 'kiosk-7' });
    h.append({ name: 'assistance.requested', audience: 'staff', deviceId: null });
    h.notify('b1');
    await eventually(async () => tablets.every((t) => t.got.length === 1) && kiosks[7]!.got.length === 1, 'every stream its events');
    expect(h.hub.reads - before).toBe(1);
    expect(kiosks.filter((k) => k.got.length > 0).map((k) => k.got.map((e) => e.name))).toEqual([['pull.now']]);
    expect(tablets.every((t) => t.got.map((e) => e.name).join() === 'assistance.requested')).toBe(true);

    // A stream that opens replaying from the start makes the branch read from there; the others get nothing twice.
    const late = h.stream('tablet-late', true, 0);
    await eventually(async () => late.got.length === 1, 'the late stream its replay');
    h.notify('b1');
    await new Promise((r) => setTimeout(r, 20));
    expect(tablets.every((t) => t.got.length === 1)).toBe(true);
    expect(kiosks[7]!.got).toHaveLength(1);
    expect(h.hub.open).toBe(2001);
  });

  it('a read that fails is tried again, and the streams miss nothing', async () => {
    const events: StoredEvent[] = [{ id: 1, name: 'pull.now', audience: 'device', deviceId: 'k1', at: new Date().toISOString(), data: {} }];
    let fail = true;
    const lines: string[] = [];
    const hub = new EventHub({ listen: async () => async () => {} }, async (_b, after) => {
      if (fail) { fail = false; throw new Error('the database is away'); }
      return events.filter((e) => e.id > after);
    }, (line) => lines.push(line));
    const got: BranchEvent[] = [];
    hub.subscribe({ reader: { branchId: 'b1', deviceId: 'k1', staff: false }, last: 0, deliver: (e) => got.push(...e), end: () => {} });
    await eventually(async () => got.length === 1, 'the event after the retry', 5_000);
    expect(lines[0]).toContain('the database is away; reading again in 2 s');
    await hub.close();
  });
});
