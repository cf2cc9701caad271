import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import type { Db } from '../../server/db/db';
import { DEFAULT_LIMITS } from '../../server/http/limits';
import { buildServices } from '../../server/services';
import { createTestDb } from './support/test-db';
import { openSse } from './support/sse';

/**
 * Issue 18, item 4: slow and greedy clients are cut off. A real server listening on
 * 127.0.0.1 with short limits (the defaults are in server/http/limits.ts), and raw
 * sockets that behave as a slowloris would.
 */
let db: Db;
let app: FastifyInstance;
let port = 0;
let services: ReturnType<typeof buildServices>;

const LIMITS = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, idleTimeoutMs: 5_000, maxConnections: 40, streamsPerDevice: 2 };

beforeEach(async () => {
  db = await createTestDb();
  services = buildServices(db);
  app = await buildApp({ db, services, logger: false, limits: LIMITS });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});
afterEach(async () => {
  await app.close();
  await db.close();
});

/** A socket that sends `first`, then one more byte every `everyMs`; resolves with how long the server kept it open. */
function trickle(first: string, drip: string, everyMs: number, maxMs = 15_000): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(first));
    const timer = setInterval(() => { if (!socket.destroyed) socket.write(drip); }, everyMs);
    const done = () => { clearInterval(timer); clearTimeout(giveUp); resolve(Date.now() - started); };
    const giveUp = setTimeout(() => { socket.destroy(); }, maxMs);
    socket.on('close', done);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
  });
}

describe('slow and greedy clients are cut off', () => {
  it('has timeouts and a cap by default (Fastify and Node leave a request open for ever)', async () => {
    const plain = await buildApp({ db, services, logger: false });
    try {
      expect(plain.server.requestTimeout).toBe(DEFAULT_LIMITS.requestTimeoutMs);
      expect(plain.server.headersTimeout).toBe(DEFAULT_LIMITS.headersTimeoutMs);
      expect(plain.server.timeout).toBe(DEFAULT_LIMITS.idleTimeoutMs);
      // Below this process's open-file limit, with room for the database's connections.
      const soft = Number(readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'))!.split(/\s{2,}/)[1]);
      expect(plain.server.maxConnections).toBeLessThanOrEqual(soft - 128);
      expect(plain.server.maxConnections).toBeGreaterThanOrEqual(64);
    } finally {
      await plain.close();
    }
  });

  it('closes a connection whose headers trickle in one byte at a time', async () => {
    const open = await trickle('GET /healthz HTTP/1.1\r\nHost: x\r\n', 'X', 300);
    expect(open).toBeGreaterThanOrEqual(900);
    expect(open).toBeLessThan(8_000);
  });

  it('closes a connection whose body trickles in, and the server still answers others meanwhile', async () => {
    const slow = trickle('POST /api/v1/devices/enroll HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{', ' ', 300);
    const meanwhile = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(meanwhile.status).toBe(200);
    const open = await slow;
    expect(open).toBeLessThan(8_000);
  });

  it('refuses connections past the cap, keeping the server answering once they go', async () => {
    const sockets: Socket[] = [];
    for (let i = 0; i < LIMITS.maxConnections + 10; i++) {
      sockets.push(await new Promise<Socket>((resolve) => { const s = connect(port, '127.0.0.1', () => resolve(s)); s.on('error', () => undefined); }));
    }
    await new Promise((r) => setTimeout(r, 200));
    const closed = sockets.filter((s) => s.destroyed || s.readyState !== 'open').length;
    expect(closed).toBeGreaterThanOrEqual(10);
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('lets one device hold at most its cap of event streams: a new one ends its oldest', async () => {
    await services.repos.branches.insert(db, { id: randomUUID(), code: 'MSK1', name: 'Филиал', legalName: 'ООО «Тест»', inn: '7701234561', address: 'г. Москва' });
    const kiosk = await services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk' })).code);
    const open = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/events/ticket`, { method: 'POST', headers: { authorization: `Bearer ${kiosk.token}` } });
      return openSse(`http://127.0.0.1:${port}/api/v1/events?ticket=${((await res.json()) as { ticket: string }).ticket}`);
    };
    const streams = [await open(), await open(), await open()];
    await new Promise((r) => setTimeout(r, 300));
    expect(streams.map((s) => s.ended)).toEqual([true, false, false]);
    for (const s of streams) s.close();
  });
});
