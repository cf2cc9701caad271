import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDeviceConfig } from '../../electron/main/config/device-config';
import { cli } from '../server/support/cli';
import { eventually } from '../support/eventually';

/**
 * `npm start` runs the kiosk in Electron when its binary is there, and otherwise says so
 * in one line and serves the kiosk to a browser. The Electron binary cannot run here, so a
 * stand-in executable (found the way electron's own package finds it) records how it was
 * started.
 */
const ROOT = join(import.meta.dirname, '../..');
let child: ChildProcess | null = null;
afterEach(() => {
  if (child?.pid) process.kill(-child.pid, 'SIGTERM');
  child = null;
});

function npmStart(env: NodeJS.ProcessEnv, port: number, args: string[] = []) {
  const data = mkdtempSync(join(tmpdir(), 'okno-start-'));
  let output = '';
  child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts', ...args], {
    cwd: ROOT, detached: true, // The browser tests' global setup has built the kiosk; rebuilding it here would empty
    // dist/kiosk under the browser tests running beside this one.
    env: { ...process.env, ...env, OKNO_DATA_DIR: data, PORT: String(port), DATABASE_URL: '', OKNO_SKIP_KIOSK_BUILD: '1' },
  });
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return { data, output: () => output };
}

describe('npm start', () => {
  it('starts the Electron kiosk when its binary is present, configured for this server and enrolled', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'okno-fake-electron-'));
    writeFileSync(join(bin, 'electron'), `#!/bin/sh\necho "$@" > "${bin}/args"\nenv | grep ^OKNO_ > "${bin}/env"\n`);
    chmodSync(join(bin, 'electron'), 0o755);
    const run = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: bin }, 18_391);
    await eventually(async () => existsSync(join(bin, 'env')) && readFileSync(join(bin, 'env'), 'utf8').includes('OKNO_ENROLL_CODE'), 'npm start to launch Electron', 60_000);
    expect(resolve(readFileSync(join(bin, 'args'), 'utf8').trim())).toBe(resolve(ROOT));
    const env = Object.fromEntries(readFileSync(join(bin, 'env'), 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    const config = parseDeviceConfig(readFileSync(env.OKNO_CONFIG!, 'utf8'));
    expect(config).toMatchObject({ ok: true, config: { serverUrl: 'http://127.0.0.1:18391', role: 'kiosk', printer: { transport: { kind: 'file' } } } });
    expect(existsSync(join(ROOT, 'dist/electron/main.cjs'))).toBe(true);
    expect(run.output()).toMatch(/The Electron kiosk is starting/);
    // The code it was given enrols a kiosk on this server.
    const res = await fetch('http://127.0.0.1:18391/api/v1/devices/enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: env.OKNO_ENROLL_CODE }) });
    expect(res.status).toBe(201);
  }, 90_000);

  it('says in one line that Electron cannot start here and serves the kiosk to a browser', async () => {
    const run = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'okno-no-electron-')) }, 18_392);
    await eventually(async () => run.output().includes('Stop: Ctrl+C'), 'npm start to print its help', 60_000);
    const lines = run.output().split('\n').filter((l) => /electron/i.test(l));
    expect(lines).toEqual([expect.stringMatching(/Electron's binary is not installed on this machine .*so the kiosk is served to a browser/)]);
    const kiosk = await fetch('http://127.0.0.1:18392/kiosk/');
    expect(kiosk.status).toBe(200);

    // The demo's order slips with scannable codes, where it says they are.
    const slips = join(run.data, 'demo-order-slips.html');
    expect(run.output()).toContain(slips);
    expect(run.output()).toMatch(/e\.g\. \d{8}-[0-9A-Z]{16}: a scan needs no phone digits/);
    expect(readFileSync(slips, 'utf8').match(/<svg/g)?.length).toBeGreaterThanOrEqual(40);
    // …and the demo's passbook cards: each number in digits, its barcode beside it.
    expect(readFileSync(slips, 'utf8').match(/<b>\d{13}<\/b><br>карта сберкнижки/g)?.length).toBe(12);

    // The staff tablet's link and the demo staff's numbers and PINs.
    expect(run.output()).toMatch(/\/staff\/\?enroll=[A-Z0-9]{4}-[A-Z0-9]{4}/);
    expect(run.output()).toContain('1001 / 2468 Ольга (supervisor)');
    expect((await fetch('http://127.0.0.1:18392/staff/')).status).toBe(200);

    // As the README says: in a second terminal, while it runs, a code for another kiosk.
    const second = await cli({ ...process.env, OKNO_DATA_DIR: run.data, DATABASE_URL: '' }, 'enroll-code');
    expect(second.code).toBe(0);
    const enrolled = await fetch('http://127.0.0.1:18392/api/v1/devices/enroll', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: second.stdout.trim().split('\n').at(-1) }),
    });
    expect(enrolled.status).toBe(201);
  }, 90_000);

  it('--lan serves the demo over HTTPS with a certificate made for this machine, and prints the links and its fingerprint', async () => {
    const { request } = await import('node:https');
    const run = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'okno-no-electron-')), HOST: '127.0.0.1' }, 18_393, ['--lan']);
    await eventually(async () => run.output().includes('Stop: Ctrl+C'), 'npm start --lan to print its help', 60_000);
    expect(run.output()).toMatch(/https:\/\/127\.0\.0\.1:18393\/staff\/\?enroll=/);
    expect(run.output()).toMatch(/SHA-256 fingerprint is\s+([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    const cert = readFileSync(join(run.data, 'tls/lan-cert.pem'));
    const status = await new Promise<number>((ok, fail) => request('https://127.0.0.1:18393/readyz', { ca: cert }, (res) => ok(res.statusCode!)).on('error', fail).end());
    expect(status).toBe(200);
  }, 90_000);
});
