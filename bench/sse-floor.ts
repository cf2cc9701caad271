/**
 * The floor under bench:events: what this machine takes to write one frame to N open
 * event streams held by `processes` bare Node processes and read them all in the bench's
 * one client process (bench/light-sse.ts), with no database, no push and no okno. Each
 * process serves the same chunked `text/event-stream` answer okno's does and, told to by
 * IPC, writes the same ~200-byte frame to every stream it holds. Timed from the moment the
 * bench tells the processes to the frame's arrival at each stream; what okno adds is the
 * difference (docs/benchmarks.md).
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { openLightSse } from './light-sse';
import { percentile } from './load';

/** A child: one HTTP server holding streams, writing a frame to each when the parent says. */
if (process.env.SSE_FLOOR_CHILD) {
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 3000\n\n');
    open.add(res);
    res.on('close', () => open.delete(res));
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as { port: number }).port }));
  process.on('message', (id: string) => {
    const frame = `id: 1\nevent: assistance.requested\ndata: ${JSON.stringify({ requestId: id, kiosk: 'BNCH-K01', screen: 'phone', context: { step: 'phone', lang: 'ru', largeText: false, voice: false }, at: new Date().toISOString() })}\n\n`;
    for (const res of open) res.write(frame);
  });
  process.on('disconnect', () => process.exit(0));
}

/** p50 and p99 of the arrival at the last of `streams` streams, over `rounds` frames. */
export async function sseFloor(streams: number, processes: number, rounds: number): Promise<{ p50: number; p99: number }> {
  const children: { child: ChildProcess; port: number }[] = [];
  for (let i = 0; i < processes; i++) {
    const child = fork(new URL(import.meta.url).pathname, [], { env: { ...process.env, SSE_FLOOR_CHILD: '1' }, execArgv: ['--import', 'tsx'] });
    const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
    children.push({ child, port });
  }
  let round: { id: string; at: number; heard: number; last: number; done(): void } | null = null;
  const closers: (() => void)[] = [];
  for (let i = 0; i < streams; i++) {
    const { port } = children[i % processes]!;
    const s = await openLightSse(`http://127.0.0.1:${port}/events`, {
      event(e) {
        if (!round || !e.data.includes(round.id)) return;
        round.last = performance.now() - round.at;
        if (++round.heard === streams) round.done();
      },
      end() {},
    });
    if (s.status !== 200) throw new Error(`a floor stream answered ${s.status}`);
    closers.push(s.close);
  }
  await new Promise((r) => setTimeout(r, 1000));
  const lasts: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const id = `floor-${i}-${Math.random()}`;
    await new Promise<void>((done) => {
      round = { id, at: performance.now(), heard: 0, last: 0, done };
      for (const { child } of children) child.send(id);
    });
    lasts.push(round!.last);
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const close of closers) close();
  for (const { child } of children) child.disconnect();
  lasts.sort((a, b) => a - b);
  return { p50: percentile(lasts, 50), p99: percentile(lasts, 99) };
}
