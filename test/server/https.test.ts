import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config';
import { makeCertificate, lanCertificate } from '../../server/local/lan-certificate';
import { startServer, type RunningServer } from '../../server/main';
import { hasCommand } from '../support/has-command';
import { freePort } from '../support/free-port';

/**
 * HTTPS as a branch runs it: the server speaking TLS itself (OKNO_TLS_CERT, OKNO_TLS_KEY),
 * and the usual alternative, Caddy in front with the repository's deploy/Caddyfile.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'okno-tls-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** GET over HTTPS trusting only `ca`; the status, body and the certificate's names. */
function get(url: string, ca: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string; san: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers }, (res) => {
      const san = (res.socket as unknown as { getPeerCertificate(): { subjectaltname?: string } }).getPeerCertificate().subjectaltname ?? '';
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c;
        // An event stream never ends: its first frame is the answer.
        if (res.headers['content-type']?.includes('event-stream') && body.includes('\n\n')) { resolve({ status: res.statusCode!, body, san }); req.destroy(); }
      });
      res.on('end', () => resolve({ status: res.statusCode!, body, san }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The server's settings from these variables, on a port of its own choosing. */
const config = (env: Record<string, string>) => ({ ...loadServerConfig(env), port: 0 });


describe('the server speaks HTTPS itself', () => {
  let server: RunningServer;
  let cert = '';
  beforeAll(async () => {
    const pems = await makeCertificate({ dns: ['okno.lan'], ips: ['127.0.0.1'] });
    cert = pems.cert;
    writeFileSync(path.join(dir, 'cert.pem'), pems.cert);
    writeFileSync(path.join(dir, 'key.pem'), pems.key);
    const settings = config({ HOST: '127.0.0.1', OKNO_DATA_DIR: path.join(dir, 'data'), OKNO_TLS_CERT: path.join(dir, 'cert.pem'), OKNO_TLS_KEY: path.join(dir, 'key.pem') });
    server = await startServer(settings, { logger: false });
  }, 60_000);
  afterAll(() => server?.close());

  it('answers over TLS with the configured certificate, and says https in its address', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(`${server.url}/readyz`, cert);
    expect(res.status).toBe(200);
    expect(res.san).toContain('IP Address:127.0.0.1');
  });

  it('names the setting when a file is missing, is no PEM, or one of the two is not set', async () => {
    const base = { OKNO_DATA_DIR: path.join(dir, 'data2') };
    await expect(startServer(config({ ...base, OKNO_TLS_CERT: path.join(dir, 'nope.pem'), OKNO_TLS_KEY: path.join(dir, 'key.pem') }), { logger: false }))
      .rejects.toThrow(/OKNO_TLS_CERT=.*nope\.pem: cannot read it \(ENOENT\)/);
    await expect(startServer(config({ ...base, OKNO_TLS_CERT: path.join(dir, 'key.pem'), OKNO_TLS_KEY: path.join(dir, 'key.pem') }), { logger: false }))
      .rejects.toThrow(/OKNO_TLS_CERT=.*expected a PEM file with a certificate/);
    expect(() => loadServerConfig({ OKNO_TLS_CERT: 'a.pem' })).toThrow(/OKNO_TLS_KEY is missing/);
  });
});

describe('npm start -- --lan: a certificate for this machine, kept in the data folder', () => {
  it('covers the names asked for, is kept, and is made again when an address is new', async () => {
    const data = path.join(dir, 'lan');
    const first = await lanCertificate(data, { dns: ['localhost', 'okno-pc'], ips: ['127.0.0.1', '192.0.2.10'] });
    expect(first.names).toEqual(expect.arrayContaining(['DNS:okno-pc', 'IP Address:192.0.2.10']));
    expect(readFileSync(first.keyFile, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
    const again = await lanCertificate(data, { dns: ['localhost', 'okno-pc'], ips: ['127.0.0.1', '192.0.2.10'] });
    expect(again.fingerprint).toBe(first.fingerprint);
    const moved = await lanCertificate(data, { dns: ['localhost', 'okno-pc'], ips: ['127.0.0.1', '192.0.2.11'] });
    expect(moved.fingerprint).not.toBe(first.fingerprint);
    expect(moved.names).toContain('IP Address:192.0.2.11');
  });
});

const haveCaddy = hasCommand('caddy', ['version']);
if (!haveCaddy && process.env.CI === 'true') throw new Error('Caddy is required under CI (apt-get install -y caddy)');

describe.runIf(haveCaddy)('Caddy in front, with deploy/Caddyfile', () => {
  let server: RunningServer;
  let caddy: ChildProcess;
  let port = 0;
  let log = '';
  const caddyHome = path.join(dir, 'caddy');
  beforeAll(async () => {
    server = await startServer(config({ HOST: '127.0.0.1', OKNO_DATA_DIR: path.join(dir, 'data3') }), { logger: false });
    port = await freePort();
    caddy = spawn('caddy', ['run', '--config', path.join(ROOT, 'deploy/Caddyfile'), '--adapter', 'caddyfile'], {
      env: {
        PATH: process.env.PATH, HOME: caddyHome, XDG_DATA_HOME: path.join(caddyHome, 'data'), XDG_CONFIG_HOME: path.join(caddyHome, 'config'),
        OKNO_SITE: '127.0.0.1', OKNO_HTTPS_PORT: String(port), OKNO_HTTP_PORT: String(await freePort()), OKNO_UPSTREAM: server.url.replace(/^http:\/\//, ''),
      },
    });
    caddy.stderr!.on('data', (c: Buffer) => { log += c; });
    const root = path.join(caddyHome, 'data/caddy/pki/authorities/local/root.crt');
    const end = Date.now() + 30_000;
    for (;;) {
      if (existsSync(root)) {
        const ok = await get(`https://127.0.0.1:${port}/healthz`, readFileSync(root)).then((r) => r.status === 200, () => false);
        if (ok) break;
      }
      if (Date.now() > end) throw new Error(`Caddy did not serve in 30 s:\n${log.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }, 60_000);
  afterAll(async () => {
    caddy?.kill('SIGTERM');
    await server?.close();
  });

  it('serves the API over HTTPS with a certificate from its own CA, which a tablet trusts by its root', async () => {
    const root = readFileSync(path.join(caddyHome, 'data/caddy/pki/authorities/local/root.crt'));
    const res = await get(`https://127.0.0.1:${port}/readyz`, root);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ready: true });
    // Without the root the certificate is refused: a tablet must be told to trust it.
    await expect(get(`https://127.0.0.1:${port}/healthz`, '')).rejects.toThrow(/certificate|self.signed/i);
  });

  it('passes an event stream through at once (flush_interval -1), not when a buffer fills', async () => {
    const root = readFileSync(path.join(caddyHome, 'data/caddy/pki/authorities/local/root.crt'));
    await server.services.repos.branches.insert(server.db, { id: randomUUID(), code: 'MSK1', name: 'Филиал', legalName: 'ООО «Тест»', inn: '7701234561', address: 'г. Москва' });
    const kiosk = await server.services.enrollment.enroll((await server.services.enrollment.createCode({ branchCode: 'MSK1', role: 'kiosk' })).code);
    const ticket = await new Promise<string>((resolve, reject) => {
      const req = request(`https://127.0.0.1:${port}/api/v1/events/ticket`, { method: 'POST', ca: root, headers: { authorization: `Bearer ${kiosk.token}` } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c; });
        res.on('end', () => resolve((JSON.parse(body) as { ticket: string }).ticket));
      });
      req.on('error', reject);
      req.end();
    });
    const started = Date.now();
    const stream = await get(`https://127.0.0.1:${port}/api/v1/events?ticket=${ticket}`, root);
    expect(stream.body).toContain('retry: 3000');
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
