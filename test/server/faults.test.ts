import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/pg-db';
import { migrate } from '../../server/db/migrate';
import { buildServices } from '../../server/services';
import type { PushResponse, TransactionEnvelope } from '../../shared/protocol';
import { hashToken, newToken } from '../../server/services/tokens';
import type { openSse } from './support/sse';
import { openStaffStream, until, workersOf } from './support/workers';
import { canRunOwnPostgres, startOwnPostgres, type OwnPostgres } from './support/own-postgres';

/**
 * Issue 18's fault tests: the server as deployed (`npm run server -- start` with two
 * workers) on a PostgreSQL of the test's own, under push load from four kiosks that
 * behave as the real sync engine does (a batch answered 5xx or not at all is sent again
 * as it was). The database's connections are ended, it is restarted, stopped for 10 s,
 * and a worker is killed with -9. After each: the server is up without help, the kiosks
 * drain their queues, and every transaction the server acknowledged is there once.
 *
 * Runs in the PostgreSQL pass of .ci/run (DATABASE_URL set), once: it needs root to run
 * a cluster of its own as the `postgres` user.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const run = !!process.env.DATABASE_URL && canRunOwnPostgres();
if (process.env.DATABASE_URL && !canRunOwnPostgres() && process.env.CI === 'true') throw new Error('the fault tests need root and /usr/lib/postgresql');

type Kiosk = { token: string; nextSeq: number; queue: TransactionEnvelope[]; acked: Set<string>; requestOf: Map<string, string>; rejected: string[]; serverErrors: number; networkErrors: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function call(child: ChildProcess) {
  return new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
}

describe.runIf(run)('the server survives its database (issue 18)', () => {
  let db: OwnPostgres;
  let server: ChildProcess;
  let base = '';
  let output = '';
  const kiosks: Kiosk[] = [];
  let producing = false;
  let loops: Promise<void>[] = [];
  const streams: Awaited<ReturnType<typeof openSse>>[] = [];
  let tablet = { token: '', session: '' };

  const status = (p: string) => fetch(`${base}${p}`).then((r) => r.status, () => 0);

  /** One kiosk's sync loop: queue a call for help now and then, push the oldest five, keep what was not acknowledged. */
  async function kioskLoop(k: Kiosk): Promise<void> {
    while (producing || k.queue.length > 0) {
      if (producing && k.queue.length < 20) {
        for (let i = 0; i < 3; i++) {
          const id = randomUUID();
          const requestId = randomUUID();
          k.requestOf.set(id, requestId);
          k.queue.push({ id, seq: k.nextSeq++, kind: 'assistance.requested', occurredAt: new Date().toISOString(),
            payload: { requestId, screen: 'welcome', context: { step: 'welcome', lang: 'ru', largeText: false, voice: false } } });
        }
      }
      const batch = k.queue.slice(0, 5);
      try {
        const res = await fetch(`${base}/api/v1/sync/push`, {
          method: 'POST', headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ transactions: batch }), signal: AbortSignal.timeout(15_000),
        });
        if (res.status >= 500) { k.serverErrors++; await sleep(300); continue; }
        if (res.status !== 200) throw new Error(`push answered ${res.status}: ${await res.text()}`);
        const { results } = (await res.json()) as PushResponse;
        for (const r of results) {
          if (r.status === 'rejected') k.rejected.push(`${r.reason}: ${r.detail ?? ''}`);
          else k.acked.add(r.id);
        }
        k.queue.splice(0, batch.length);
      } catch (error) {
        if ((error as Error).message.startsWith('push answered')) throw error;
        k.networkErrors++;
        await sleep(300);
      }
      await sleep(20);
    }
  }

  beforeAll(async () => {
    db = await startOwnPostgres();
    const setup = await openPostgres({ connectionString: db.url });
    await migrate(setup);
    const services = buildServices(setup);
    await services.repos.branches.insert(setup, { id: randomUUID(), code: 'MSK1', name: 'Филиал', legalName: 'ООО «Тест»', inn: '7701234561', address: 'г. Москва' });
    for (let i = 0; i < 4; i++) {
      const { token } = await services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk' })).code);
      kiosks.push({ token, nextSeq: 1, queue: [], acked: new Set(), requestOf: new Map(), rejected: [], serverErrors: 0, networkErrors: 0 });
    }
    const { id: staffId } = await services.staff.add({ branchCode: 'MSK1', employeeNo: '1001', name: 'Ольга Иванова', role: 'associate', pin: '2468' });
    const t = await services.enrollment.enroll((await services.enrollment.createCode({ branchCode: 'MSK1', role: 'tablet' })).code);
    tablet = { token: t.token, session: newToken('oks') };
    await services.repos.staff.insertSession(setup, { id: randomUUID(), staffId, deviceId: t.deviceId, tokenHash: hashToken(tablet.session), expiresAt: new Date(Date.now() + 3600_000) });
    await setup.close();
    const port = 21_000 + Math.floor(Math.random() * 1000);
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'start'], {
      cwd: ROOT, env: { ...process.env, PORT: String(port), OKNO_WORKERS: '2', DATABASE_URL: db.url },
    });
    server.stdout!.on('data', (c: Buffer) => (output += c));
    server.stderr!.on('data', (c: Buffer) => (output += c));
    await until('the workers to listen', () => (output.includes(`2 workers on ${base}`) ? true : undefined));
    // Two staff streams, opened before any fault, never reopened.
    for (let i = 0; i < 2; i++) streams.push(await openStaffStream(base, tablet));
    producing = true;
    loops = kiosks.map(kioskLoop);
  }, 120_000);

  /** Every call for help acknowledged so far reaches both streams opened before the faults: they resumed and missed nothing. */
  async function expectStreamsWhole(fault: string): Promise<void> {
    const wanted = kiosks.flatMap((k) => [...k.acked].map((id) => k.requestOf.get(id)!));
    for (const [i, stream] of streams.entries()) {
      let missing = 0;
      await until(`${fault}: the stream to carry every call`, () => {
        const heard = new Set(stream.events.filter((e) => e.name === 'assistance.requested').map((e) => e.data['requestId']));
        missing = wanted.filter((r) => !heard.has(r)).length;
        return missing === 0 ? true : undefined;
      }, 30_000).catch((error: Error) => {
        // Say whether the stream ended or stalled, and what the server said meanwhile.
        throw new Error(`${error.message}: stream ${i} ${stream.ended ? 'ended' : 'open'}, ${stream.events.length} events (last id ${stream.events.at(-1)?.id}), ${stream.comments} heartbeats, ${missing} of ${wanted.length} calls missing\n${output.slice(-4000)}`);
      });
      const ids = stream.events.map((e) => e.id);
      expect(ids, `${fault}: event ids in order, none twice`).toEqual([...new Set(ids)].sort((a, b) => a - b));
    }
  }

  afterAll(async () => {
    producing = false;
    server?.kill('SIGKILL');
    db?.destroy();
  });

  /** The load runs a while longer, then: the server is up, ready, and its acknowledged transactions are all there once. */
  async function expectRecovered(fault: string): Promise<void> {
    await sleep(1500);
    expect(server.exitCode, `${fault}: the server exited\n${output.slice(-3000)}`).toBeNull();
    await until(`${fault}: /readyz`, async () => ((await status('/readyz')) === 200 ? true : undefined));
    expect(workersOf(server.pid!)).toHaveLength(2);
    const before = kiosks.map((k) => k.acked.size);
    await until(`${fault}: the kiosks to push again`, () => (kiosks.every((k, i) => k.acked.size > before[i]!) ? true : undefined));
    for (const k of kiosks) expect(k.rejected, fault).toEqual([]);
  }

  it('ends every database connection while four kiosks push: nothing crashes, they go on', async () => {
    for (let round = 0; round < 5; round++) {
      await sleep(700);
      expect(await db.terminateConnections()).toBeGreaterThan(0);
    }
    await expectRecovered('pg_terminate_backend');
    expect(output).not.toContain('ended (exit');
    await expectStreamsWhole('pg_terminate_backend');
  }, 120_000);

  it('restarts PostgreSQL under load', async () => {
    db.restart();
    await expectRecovered('a restart');
    await expectStreamsWhole('a restart');
  }, 120_000);

  it('stops PostgreSQL for 10 s: /healthz stays alive, /readyz says not ready, pushes answer 503, and it all comes back by itself', async () => {
    db.stop();
    const stoppedAt = Date.now();
    await sleep(1000);
    expect(await status('/healthz')).toBe(200);
    expect(await status('/readyz')).toBe(503);
    // The metrics still answer, and say the database is away (docs/operations.md, "What to watch").
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^okno_database_up 0$/m);
    const push = await fetch(`${base}/api/v1/sync/push`, {
      method: 'POST', headers: { authorization: `Bearer ${kiosks[0]!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ transactions: [{ id: randomUUID(), seq: 1, kind: 'assistance.requested', occurredAt: new Date().toISOString(), payload: {} }] }),
    });
    expect(push.status).toBe(503);
    expect(push.headers.get('retry-after')).toBe('5');
    expect(await push.json()).toMatchObject({ error: 'database-unavailable' });
    // A worker that dies while the database is away is replaced, and its replacement
    // waits for the database instead of the supervisor giving up.
    const [victim] = workersOf(server.pid!);
    process.kill(victim!, 'SIGKILL');
    await until('a replacement during the outage', () => { const now = workersOf(server.pid!); return now.length === 2 && !now.includes(victim!) ? true : undefined; });
    await sleep(Math.max(0, 10_000 - (Date.now() - stoppedAt)));
    expect(server.exitCode).toBeNull();
    db.start();
    await expectRecovered('a 10 s outage');
  }, 120_000);

  it('kills a worker with -9 under load: another takes its place', async () => {
    const [victim] = workersOf(server.pid!);
    process.kill(victim!, 'SIGKILL');
    await until('a new worker', () => { const now = workersOf(server.pid!); return now.length === 2 && !now.includes(victim!) ? true : undefined; });
    await expectRecovered('kill -9');
  }, 120_000);

  it('afterwards every kiosk drains its queue, and every acknowledged transaction is there exactly once with its effect', async () => {
    producing = false;
    await Promise.all(loops);
    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    try {
      const acked = kiosks.flatMap((k) => [...k.acked]);
      expect(acked.length).toBeGreaterThan(100);
      const { rows } = await check.query<{ n: number; ids: number; requests: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids,
                (SELECT count(*)::int FROM assistance_requests) AS requests
         FROM transactions`,
      );
      expect(rows[0]).toEqual({ n: acked.length, ids: acked.length, requests: acked.length });
      const { rows: present } = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM transactions WHERE id = ANY($1::uuid[])', [acked]);
      expect(present[0]!.n).toBe(acked.length);
      expect(kiosks.every((k) => k.queue.length === 0)).toBe(true);
      // The faults were felt: the kiosks met answers of 503 or lost connections, and retried.
      expect(kiosks.reduce((n, k) => n + k.serverErrors + k.networkErrors, 0)).toBeGreaterThan(0);
    } finally {
      await check.end();
    }
    const code = call(server);
    server.kill('SIGTERM');
    expect(await code).toBe(0);
  }, 120_000);
});
