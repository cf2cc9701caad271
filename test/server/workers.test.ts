import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config';
import { openPostgres } from '../../server/db/pg-db';
import { buildServices } from '../../server/services';
import { hashToken, newToken } from '../../server/services/tokens';
import { openStaffStream, until, workersOf } from './support/workers';
import { sample } from './support/metrics-text';
import type { Db } from '../../server/db/db';

const ROOT = path.resolve(import.meta.dirname, '../..');
const url = process.env.DATABASE_URL;

/** A schema of its own for the server to migrate, and the DATABASE_URL that points at it. */
async function ownSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `w_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    url: `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** `npm run server -- start` with two workers on the database at `url`, on a random port. */
function startWorkers(url: string) {
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'start'], {
    cwd: ROOT,
    // Round-robin, so that calls on connections of their own reach both workers in turn.
    env: { ...process.env, PORT: String(port), OKNO_WORKERS: '2', DATABASE_URL: url, NODE_CLUSTER_SCHED_POLICY: 'rr' },
  });
  let out = '';
  server.stdout.on('data', (c: Buffer) => (out += c));
  server.stderr.on('data', (c: Buffer) => (out += c));
  return { server, port, output: () => out };
}

/** One call on a connection of its own (fetch would keep one connection, and so one worker). */
function oneConnection(target: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: init.method, headers: init.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Branch MSK1 with a kiosk and `tablets` tablets, each with a signed-in staff member's event stream open on the workers at `base`. */
async function branchWithStreams(setup: Db, base: string, tablets: number) {
  const services = buildServices(setup);
  await services.repos.branches.insert(setup, { id: randomUUID(), code: 'MSK1', name: 'Филиал', legalName: 'ООО «Тест»', inn: '7701234561', address: 'г. Москва' });
  const enrol = async (role: 'kiosk' | 'tablet') => services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'MSK1', role })).code);
  const kiosk = await enrol('kiosk');
  const { id: staffId } = await services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'associate', pin: '2468' });
  const streams = [];
  for (let i = 0; i < tablets; i++) {
    const tablet = await enrol('tablet');
    const session = newToken('oks');
    await services.repos.staff.insertSession(setup, { id: randomUUID(), staffId, deviceId: tablet.deviceId, tokenHash: hashToken(session), expiresAt: new Date(Date.now() + 3600_000) });
    streams.push(await openStaffStream(base, { token: tablet.token, session }));
  }
  return { kiosk, streams };
}

const healthy = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('OKNO_WORKERS: the server as several processes on one port', () => {
  it('refuses more than one worker on the embedded database, saying what to do', () => {
    expect(() => loadServerConfig({ OKNO_WORKERS: '2' })).toThrow(
      'OKNO_WORKERS=2 needs DATABASE_URL: the embedded PGlite database belongs to one process. Set DATABASE_URL, or leave OKNO_WORKERS at 1',
    );
    expect(() => loadServerConfig({ OKNO_WORKERS: 'two', DATABASE_URL: 'postgres://x/y' })).toThrow('OKNO_WORKERS="two" is not valid');
    expect(loadServerConfig({ OKNO_WORKERS: '2', DATABASE_URL: 'postgres://x/y' }).workers).toBe(2);
  });

  // Needs PostgreSQL: .ci/run runs the server suite a second time with DATABASE_URL set.
  it.runIf(url)('serves from two workers, replaces one that dies, and stops them all on TERM', async () => {
    const db = await ownSchema();
    const { server, port, output } = startWorkers(db.url);
    try {
      await until('the workers to listen', () => (output().includes(`2 workers on http://127.0.0.1:${port}`) ? true : undefined));
      const first = workersOf(server.pid!);
      expect(first).toHaveLength(2);
      expect(await Promise.all(Array.from({ length: 10 }, () => healthy(port)))).toEqual(Array(10).fill(true));

      process.kill(first[0]!, 'SIGKILL');
      const replaced = await until('a new worker', () => {
        const now = workersOf(server.pid!);
        return now.length === 2 && !now.includes(first[0]!) ? now : undefined;
      });
      expect(replaced).toContain(first[1]);
      // The primary says so before it forks, but its stderr may reach this process after /proc shows the new worker.
      await until('the primary to say it replaced the worker', () => (output().includes(`server worker ${first[0]} ended (SIGKILL); starting another`) ? true : undefined), 10_000);
      await until('the new worker to answer', async () => ((await Promise.all([healthy(port), healthy(port), healthy(port)])).every(Boolean) ? true : undefined));

      const code = exited(server);
      server.kill('SIGTERM');
      expect(await code).toBe(0);
      expect(replaced.filter((pid) => readdirSync('/proc').includes(String(pid)))).toEqual([]);
    } finally {
      server.kill('SIGKILL');
      await db.drop();
    }
  }, 90_000);

  it.runIf(url)('stops with exit 1 and the reason when the workers cannot start (the port is taken), instead of restarting them forever', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const db = await ownSchema();
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'start'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), OKNO_WORKERS: '2', DATABASE_URL: db.url },
    });
    let out = '';
    server.stderr.on('data', (c: Buffer) => (out += c));
    try {
      expect(await exited(server)).toBe(1);
      expect(out).toContain('EADDRINUSE');
      expect(out).toContain('okno: a server worker could not start (exit 1); stopping');
    } finally {
      server.kill('SIGKILL');
      taken.close();
      await db.drop();
    }
  }, 60_000);

  it.runIf(url)('a scrape of /metrics, whichever worker takes it, counts every worker’s pushes and streams', async () => {
    const db = await ownSchema();
    const { server, port, output } = startWorkers(db.url);
    const setup = await openPostgres({ connectionString: db.url });
    try {
      await until('the workers to listen', () => (output().includes(`2 workers on http://127.0.0.1:${port}`) ? true : undefined));
      const base = `http://127.0.0.1:${port}`;
      const { kiosk, streams } = await branchWithStreams(setup, base, 4);
      // Each call on a connection of its own, so the workers take turns (the primary
      // hands connections round-robin): a worker alone would count half of them.
      const pushed = 10;
      for (let n = 1; n <= pushed; n++) {
        const body = JSON.stringify({ transactions: [{ id: randomUUID(), seq: n, kind: 'assistance.requested', occurredAt: new Date().toISOString(),
          payload: { requestId: randomUUID(), screen: 'welcome', context: { step: 'welcome', lang: 'ru', largeText: false, voice: false } } }] });
        const res = await oneConnection(`${base}/api/v1/sync/push`, { method: 'POST', headers: { authorization: `Bearer ${kiosk.token}`, 'content-type': 'application/json' }, body });
        expect(res.status).toBe(200);
      }
      for (let scrape = 0; scrape < 6; scrape++) {
        const res = await oneConnection(`${base}/metrics`, { method: 'GET', headers: {} });
        expect(res.status).toBe(200);
        expect(sample(res.body, 'okno_push_transactions_total', 'kind="assistance.requested",result="applied",reason=""')).toBe(pushed);
        expect(sample(res.body, 'okno_push_duration_seconds_count')).toBe(pushed);
        expect(sample(res.body, 'okno_event_streams_open')).toBe(streams.length);
        expect(sample(res.body, 'okno_devices_enrolled', 'branch="MSK1",role="tablet"')).toBe(4);
        // The chain's figures once, not once per worker.
        expect(res.body.split('\n').filter((l) => l.startsWith('# TYPE okno_devices_enrolled ')).length).toBe(1);
      }
      for (const s of streams) s.close();
    } finally {
      server.kill('SIGKILL');
      await setup.close();
      await db.drop();
    }
  }, 90_000);

  it.runIf(url)('two workers serve the same event streams: a call pushed through either reaches all six streams, wherever each is held', async () => {
    const db = await ownSchema();
    const { server, port, output } = startWorkers(db.url);
    const setup = await openPostgres({ connectionString: db.url });
    try {
      await until('the workers to listen', () => (output().includes(`2 workers on http://127.0.0.1:${port}`) ? true : undefined));
      const base = `http://127.0.0.1:${port}`;
      const { kiosk, streams } = await branchWithStreams(setup, base, 6);
      for (let n = 1; n <= 2; n++) {
        const requestId = randomUUID();
        const push = await fetch(`${base}/api/v1/sync/push`, {
          method: 'POST', headers: { authorization: `Bearer ${kiosk.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ transactions: [{ id: randomUUID(), seq: n, kind: 'assistance.requested', occurredAt: new Date().toISOString(),
            payload: { requestId, screen: 'welcome', context: { step: 'welcome', lang: 'ru', largeText: false, voice: false } } }] }),
        });
        expect(push.status).toBe(200);
        for (const s of streams) expect((await s.next('assistance.requested')).data['requestId']).toBe(requestId);
      }
      for (const s of streams) s.close();
    } finally {
      server.kill('SIGKILL');
      await setup.close();
      await db.drop();
    }
  }, 90_000);
});
