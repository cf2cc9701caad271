import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/pg-db';
import { ADMIN_FEEDS } from '../../server/repositories/admin-token-repo';
import { buildServices } from '../../server/services';
import { makeOrderCode } from '../../shared/domain/order-code';
import { hasCommand } from '../support/has-command';
import { freePort } from '../support/free-port';
import { openSse } from './support/sse';
import { until } from './support/workers';

/**
 * The deployment an IT team runs (issue 22, item 3), as the repository's files describe
 * it: deploy/okno-server.service's command with deploy/server.env.example's settings, on
 * two "hosts" (two server processes, each on a port of its own, as two machines would
 * be) over one PostgreSQL, and Caddy in front of both with deploy/Caddyfile. systemd
 * itself does not run in this container: the unit's ExecStart, WorkingDirectory and
 * EnvironmentFile are read from the file and run as systemd would run them.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const url = process.env.DATABASE_URL;
const haveCaddy = hasCommand('caddy', ['version']);
if (!haveCaddy && process.env.CI === 'true') throw new Error('Caddy is required under CI (apt-get install -y caddy)');

/** The keys of a systemd unit's [Service] section. */
function unitService(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8');
  const service = text.slice(text.indexOf('[Service]'), text.indexOf('[Install]'));
  return Object.fromEntries(service.split('\n').filter((l) => /^[A-Za-z]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

/** An EnvironmentFile as systemd reads it: KEY=value lines, # comments, optional quotes. */
function environmentFile(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^"(.*)"$/, '$1')]));
}


describe.runIf(url && haveCaddy)('the server as deployed: the systemd unit on two hosts over one PostgreSQL, Caddy in front', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-deploy-'));
  const schema = `d_${randomBytes(6).toString('hex')}`;
  const hosts: { port: number; child: ChildProcess; log: string }[] = [];
  let caddy: ChildProcess;
  let caddyLog = '';
  let base = '';
  let previous: Dispatcher;
  let admin: pg.Client;
  const unit = unitService(path.join(ROOT, 'deploy/okno-server.service'));
  const settings = environmentFile(path.join(ROOT, 'deploy/server.env.example'));
  const dbUrl = () => `${url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

  /** One host: the unit's command, in its working folder, with the env file's settings and this host's port and database. */
  function startHost(port: number) {
    const [command, ...args] = unit['ExecStart']!.split(' ');
    const host = { port, child: spawn(command === '/usr/bin/node' ? process.execPath : command!, args, {
      cwd: ROOT, // WorkingDirectory=/opt/okno: the repository as it is installed there
      env: { PATH: process.env.PATH, HOME: dir, ...settings, DATABASE_URL: dbUrl(), PORT: String(port), OKNO_WORKERS: '1', OKNO_METRICS_TOKEN: 'metrics-token-of-this-test-0123456789' },
    }), log: '' };
    host.child.stdout!.on('data', (c: Buffer) => { host.log += c; });
    host.child.stderr!.on('data', (c: Buffer) => { host.log += c; });
    return host;
  }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    hosts.push(startHost(await freePort()), startHost(await freePort()));
    for (const h of hosts) {
      await until(`host :${h.port} ready`, () => fetch(`http://127.0.0.1:${h.port}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined), 60_000)
        .catch((e: Error) => { throw new Error(`${e.message}\n${h.log.slice(-2000)}`); });
    }
    const httpsPort = await freePort();
    const caddyHome = path.join(dir, 'caddy');
    caddy = spawn('caddy', ['run', '--config', path.join(ROOT, 'deploy/Caddyfile'), '--adapter', 'caddyfile'], {
      env: {
        PATH: process.env.PATH, HOME: caddyHome, XDG_DATA_HOME: path.join(caddyHome, 'data'), XDG_CONFIG_HOME: path.join(caddyHome, 'config'),
        OKNO_SITE: '127.0.0.1', OKNO_HTTPS_PORT: String(httpsPort), OKNO_HTTP_PORT: String(await freePort()),
        OKNO_UPSTREAM: hosts.map((h) => `127.0.0.1:${h.port}`).join(' '),
      },
    });
    caddy.stderr!.on('data', (c: Buffer) => { caddyLog += c; });
    const root = path.join(caddyHome, 'data/caddy/pki/authorities/local/root.crt');
    await until('Caddy to make its root', () => (existsSync(root) ? true : undefined), 30_000).catch((e: Error) => { throw new Error(`${e.message}\n${caddyLog.slice(-2000)}`); });
    // A client that trusts Caddy's root, as a branch's tablet is set up to.
    previous = getGlobalDispatcher();
    setGlobalDispatcher(new Agent({ connect: { ca: readFileSync(root) } }));
    base = `https://127.0.0.1:${httpsPort}`;
    await until('Caddy to serve', () => fetch(`${base}/readyz`).then((r) => (r.status === 200 ? true : undefined), () => undefined), 30_000);
  }, 120_000);

  afterAll(async () => {
    if (previous) setGlobalDispatcher(previous);
    caddy?.kill('SIGTERM');
    for (const h of hosts) h.child.kill('SIGKILL');
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves through Caddy from both hosts; an event goes to a stream whichever host holds it; a host that dies costs no request, and the stream comes back on the other', async () => {
    // The branch, a kiosk and a feed's token, made as an operator would (the CLI's services, on the same database).
    const db = await openPostgres({ connectionString: url!, schema });
    const services = buildServices(db);
    await services.branches.create({ code: 'MSK1', name: 'Окно', legalName: 'ООО «Окно»', inn: '7701234567', address: 'Москва, ул. Тверская, 1' });
    const { token: adminToken } = await services.adminTokens.create({ label: 'shop', feeds: [...ADMIN_FEEDS], branchCodes: null, days: 1 });
    await db.close();
    const enrolled = await fetch(`${base}/api/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: (await codeFor()) }) });
    expect(enrolled.status).toBe(201);
    const kiosk = (await enrolled.json()) as { token: string; deviceId: string };
    const auth = { authorization: `Bearer ${kiosk.token}` };
    let orderNo = 91_000;
    const putOrder = async () => {
      const res = await fetch(`${base}/api/v1/admin/orders/${makeOrderCode(orderNo++)}`, {
        method: 'PUT', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ branchCode: 'MSK1', customerName: 'Иван Петров', phone: '+7 916 123-45-67', paid: true, items: [{ sku: 'SKU-1', name: 'Чайник', quantity: 1, priceKopecks: 199_000 }] }),
      });
      return res.status;
    };
    const openStream = async () => {
      const ticket = ((await (await fetch(`${base}/api/v1/events/ticket`, { method: 'POST', headers: auth })).json()) as { ticket: string }).ticket;
      return openSse(`${base}/api/v1/events?ticket=${ticket}`);
    };

    // Requests go to both hosts: each answers pushes through Caddy.
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${base}/api/v1/sync/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ transactions: [{ id: randomUUID(), seq: i + 1, kind: 'kiosk.fromANewerRelease', occurredAt: new Date().toISOString(), payload: {} }] }) });
      expect(res.status).toBe(200);
    }
    const metrics = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: 'Bearer metrics-token-of-this-test-0123456789' } })).text();
    const count = (text: string, name: string, labels = '') => Number(text.split('\n').find((l) => l.startsWith(`${name}${labels} `))?.split(' ').at(-1) ?? 0);
    const pushes = await Promise.all(hosts.map(async (h) => count(await metrics(h.port), 'okno_push_transactions_total', '{kind="other",result="deferred",reason="unsupported-kind"}')));
    expect(pushes[0]! + pushes[1]!).toBe(20);

    // The kiosk's stream, on whichever host Caddy chose; each order the shop sends reaches it.
    const stream = await openStream();
    expect(stream.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect(await putOrder()).toBe(201);
      await stream.next('pull.now');
    }
    const held = await until('the host holding the stream', async () => {
      const open = await Promise.all(hosts.map(async (h) => count(await metrics(h.port), 'okno_event_streams_open')));
      const i = open.indexOf(1);
      return i >= 0 && open[1 - i] === 0 ? i : undefined;
    });

    // That host dies (a machine switched off): the stream ends; every request still succeeds, on the other.
    hosts[held]!.child.kill('SIGKILL');
    await until('the stream to end', () => (stream.ended ? true : undefined), 15_000);
    for (let i = 0; i < 10; i++) expect(await putOrder()).toBe(201);
    const again = await until('a stream on the other host', async () => {
      const s = await openStream().catch(() => undefined);
      if (s?.status === 200) return s;
      s?.close();
      return undefined;
    }, 30_000);
    expect(await putOrder()).toBe(201);
    await again.next('pull.now');
    expect(count(await metrics(hosts[1 - held]!.port), 'okno_event_streams_open')).toBe(1);
    again.close();
    stream.close();
  }, 120_000);

  /** A one-time kiosk code for MSK1, made on the same database. */
  async function codeFor(): Promise<string> {
    const db = await openPostgres({ connectionString: url!, schema });
    try {
      return (await buildServices(db).enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk' })).code;
    } finally {
      await db.close();
    }
  }
});
