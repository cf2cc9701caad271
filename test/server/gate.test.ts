import { describe, expect, it } from 'vitest';
import { Gate, waitingUntil, withoutDeadline } from '../../server/db/gate';
import { ServerBusyError } from '../../server/errors';

/** Turns for a scarce thing (the database's connections, the pushes' share of them): server/db/gate.ts. */
describe('Gate', () => {
  const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('lets so many in at once and the rest in the order they came', async () => {
    const gate = new Gate(2, 5_000, 'test');
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 6 }, (_, i) => gate.run(async () => {
      inside++;
      most = Math.max(most, inside);
      order.push(i);
      await later(20);
      inside--;
    })));
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(gate.waiting).toBe(0);
  });

  it('a turn that does not come in time is "busy" (503 server-busy, Retry-After), and the ones behind it still get theirs', async () => {
    const gate = new Gate(1, 100, 'pushes wait for their turn');
    const holding = gate.run(() => later(300));
    const late = gate.run(async () => 'never');
    await expect(late).rejects.toBeInstanceOf(ServerBusyError);
    await expect(late).rejects.toMatchObject({ status: 503, code: 'server-busy', extra: { retryAfterSeconds: 1 }, message: 'the server is busy (pushes wait for their turn): nothing was changed, try again shortly' });
    expect(gate.waiting).toBe(0);
    await holding;
    expect(await gate.run(async () => 'next')).toBe('next');
  });

  it('a request waits for all its turns within one budget: a push that waited for the pushes\' share does not wait as long again for a connection', async () => {
    const pushes = new Gate(1, 300, 'pushes wait for their turn');
    const connections = new Gate(1, 300, 'requests wait for a database connection');
    const pushing = pushes.run(() => later(200));
    const pulling = connections.run(() => later(1_000));
    const started = Date.now();
    const push = waitingUntil(Date.now() + 300, () => pushes.run(() => connections.run(async () => 'applied')));
    await expect(push).rejects.toMatchObject({ code: 'server-busy', message: expect.stringContaining('database connection') });
    // Alone, each wait would have been 300 ms: ~200 + 300. Within one budget, ~300.
    expect(Date.now() - started).toBeLessThan(450);
    expect(connections.waiting).toBe(0);
    await Promise.all([pushing, pulling]);
    // Outside the budget's work, a gate waits as long as it always did.
    expect(await connections.run(async () => 'next')).toBe('next');
  });

  it('work that outlives the request which started it (a branch\'s event reads) waits without that request\'s budget', async () => {
    const connections = new Gate(1, 300, 'requests wait for a database connection');
    const holding = connections.run(() => later(150));
    // The request's budget is already spent; the reads it started still get their turn.
    const read = waitingUntil(Date.now() - 1, async () => withoutDeadline(() => connections.run(async () => 'read')));
    expect(await read).toBe('read');
    await holding;
  });

  it('a failing holder gives its turn back', async () => {
    const gate = new Gate(1, 1_000, 'test');
    await expect(gate.run(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await gate.run(async () => 'after')).toBe('after');
  });

  it('a line already as long as it may be is told "busy" at once, not after waiting its turn out', async () => {
    const gate = new Gate(1, 10_000, 'pushes wait for their turn', 2);
    const holding = gate.run(() => later(200));
    const inLine = [gate.run(async () => 1), gate.run(async () => 2)];
    const started = Date.now();
    await expect(gate.run(async () => 3)).rejects.toMatchObject({ code: 'server-busy', extra: { retryAfterSeconds: 10 } });
    expect(Date.now() - started).toBeLessThan(100);
    await holding;
    expect(await Promise.all(inLine)).toEqual([1, 2]);
  });
});
