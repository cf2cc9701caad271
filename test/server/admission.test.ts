import Fastify from 'fastify';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { installAdmission, streamOpened } from '../../server/http/admission';
import { installErrorHandler } from '../../server/http/error-handler';

/**
 * A server with more requests than it serves in time tells the next one "busy" at once,
 * rather than answering it after its device gave up and sent it again (bench:chain).
 */
describe('admission: requests in progress', () => {
  const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function appWith(limit: number) {
    const app = Fastify();
    installErrorHandler(app);
    installAdmission(app, limit);
    app.get('/api/v1/slow', async () => { await later(300); return { ok: true }; });
    app.get('/api/v1/events', async () => ({ stream: true }));
    app.get('/healthz', async () => ({ ok: true }));
    return app;
  }

  it('past the limit, an API request (an event stream\'s opening too) is answered 503 server-busy with Retry-After at once; health checks are not turned away', async () => {
    const app = await appWith(2);
    const held = [app.inject({ url: '/api/v1/slow' }), app.inject({ url: '/api/v1/slow' })];
    await later(20);
    const started = Date.now();
    const turnedAway = await app.inject({ url: '/api/v1/slow' });
    expect(Date.now() - started).toBeLessThan(100);
    expect(turnedAway.statusCode).toBe(503);
    expect(turnedAway.headers['retry-after']).toBe('15');
    expect(turnedAway.json()).toMatchObject({ error: 'server-busy', message: 'the server is busy: nothing was changed, try again shortly' });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/events?ticket=x' })).statusCode).toBe(503);
    expect((await Promise.all(held)).map((r) => r.statusCode)).toEqual([200, 200]);
    // Their places are free again.
    expect((await app.inject({ url: '/api/v1/slow' })).statusCode).toBe(200);
    await app.close();
  });

  it('keeps a fifth of the places for the live channel: with the rest taken by pushes and pulls, a tablet still gets its ticket and opens its stream', async () => {
    const app = await appWith(10);
    app.post('/api/v1/events/ticket', async () => { await later(300); return { ticket: 't' }; });
    const held = Array.from({ length: 8 }, () => app.inject({ url: '/api/v1/slow' }));
    await later(20);
    // A ninth push or pull is turned away…
    expect((await app.inject({ url: '/api/v1/slow' })).statusCode).toBe(503);
    // …while the live channel still has its two places.
    const tickets = [app.inject({ method: 'POST', url: '/api/v1/events/ticket' }), app.inject({ method: 'POST', url: '/api/v1/events/ticket' })];
    await later(20);
    // Those taken too, the server is full for everyone.
    expect((await app.inject({ url: '/api/v1/events?ticket=x' })).statusCode).toBe(503);
    expect((await Promise.all(tickets)).map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await app.inject({ url: '/api/v1/events?ticket=x' })).statusCode).toBe(200);
    expect((await Promise.all(held)).map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    await app.close();
  });

  it('an event stream counts while it opens (its reads wait for connections like any request\'s), and not once it streams: open, it stays for hours', async () => {
    const app = Fastify();
    installErrorHandler(app);
    installAdmission(app, 1);
    app.get('/api/v1/slow', async () => { await later(50); return { ok: true }; });
    app.get('/api/v1/events', async (request, reply) => {
      await later(300); // the ticket and where to start, read from the database
      reply.hijack();
      streamOpened(request);
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      reply.raw.write('retry: 3000\n\n');
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const stream = http.get({ host: '127.0.0.1', port, path: '/api/v1/events?ticket=x', agent: false });
    stream.on('error', () => undefined);
    const streaming = new Promise<number>((resolve) => stream.on('response', (res) => resolve(res.statusCode ?? 0)));
    await later(100);
    // Opening: its place is taken.
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/slow`)).status).toBe(503);
    expect(await streaming).toBe(200);
    // Streaming, still open: the place is free.
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/slow`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/slow`)).status).toBe(200);
    stream.destroy();
    await app.close();
  });

  it('a client that leaves before its answer gives its place back', async () => {
    const app = await appWith(1);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/slow', agent: false });
    req.on('error', () => undefined);
    await later(50);
    req.destroy();
    await later(400);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/slow`);
    expect(res.status).toBe(200);
    await app.close();
  });

  it('a device that gives up after its body was read, while the server works on it, gives its place back too', async () => {
    const app = Fastify();
    installAdmission(app, 1);
    app.post('/api/v1/sync/push', async () => { await later(300); return { ok: true }; });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const body = JSON.stringify({ transactions: [] });
    for (let i = 0; i < 3; i++) {
      const req = http.request({ host: '127.0.0.1', port, path: '/api/v1/sync/push', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
      req.on('error', () => undefined);
      req.end(body);
      await later(100);
      req.destroy();
      await later(400);
    }
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    await app.close();
  });
});
