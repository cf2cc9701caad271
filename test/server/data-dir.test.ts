import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { cli } from './support/cli';

const ROOT = path.resolve(import.meta.dirname, '../..');


describe('the embedded database belongs to one process', () => {
  it('a running server answers the CLI; a second server on its folder fails at once naming the first', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'okno-datadir-'));
    const port = await freePort();
    const env = { ...process.env, OKNO_DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port) };
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'start'], { cwd: ROOT, env, stdio: 'ignore' });
    try {
      await eventually(() => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false), 'the server to listen', 60_000);
      // The command socket is the user's alone.
      const lock = JSON.parse(readFileSync(path.join(dataDir, 'okno.lock'), 'utf8')) as { pid: number; socket: string };
      expect(lock.pid).toBe(server.pid);
      expect(statSync(path.dirname(lock.socket)).mode & 0o777).toBe(0o700);
      expect(statSync(lock.socket).mode & 0o777).toBe(0o600);

      expect((await cli(env, 'seed', '--demo')).stdout).toContain('demo data loaded: branch MSK1');
      const made = await cli(env, 'enroll-code');
      expect(made.code).toBe(0);
      const code = made.stdout.trim().split('\n').at(-1)!;
      // The code works against the running server: it made it in its own database.
      const enrolled = await fetch(`http://127.0.0.1:${port}/api/v1/devices/enroll`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }),
      });
      expect(enrolled.status).toBe(201);
      expect(await enrolled.json()).toMatchObject({ branchCode: 'MSK1', deviceCode: 'MSK1-K01' });

      const taken = await cli(env, 'add-staff', '--branch', 'MSK1', '--employee-no', '1001', '--name', 'Анна Л.', '--role', 'associate');
      expect(taken.code).toBe(1);
      expect(taken.stderr.trim()).toBe('okno: employee number 1001 is taken');
      const token = await cli(env, 'admin-token', '--label', 'shop');
      expect(token.stdout.trim().split('\n').at(-1)).toMatch(/^oka_/);

      const second = await cli({ ...env, PORT: String(await freePort()) }, 'start');
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toContain(`okno: the data folder ${dataDir} is in use by process ${server.pid}`);
      expect(second.stderr).toContain('stop that one');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    // Stopped, the folder is free again, and the CLI opens it itself.
    const after = await cli(env, 'enroll-code', '--role', 'tablet');
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('one-time tablet enrolment code for branch MSK1');
  }, 120_000);

  it('backs up while the server runs, restores only while it is stopped, and keeps what it replaced', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'okno-backup-'));
    const backup = path.join(dataDir, '..', `${path.basename(dataDir)}-backups`, 'okno.tar.gz');
    const port = await freePort();
    const env = { ...process.env, OKNO_DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port) };
    const server = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'start'], { cwd: ROOT, env, stdio: 'ignore' });
    try {
      await eventually(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false), 'the server to be ready', 60_000);
      expect((await cli(env, 'seed', '--demo')).code).toBe(0);
      const taken = await cli(env, 'backup', '--to', backup);
      expect(taken.stderr).toBe('');
      expect(taken.stdout).toContain(`backup written: ${path.resolve(backup)}`);
      expect(statSync(backup).size).toBeGreaterThan(100_000);
      // After the backup: a new staff member, which a restore to it takes back.
      expect((await cli(env, 'add-staff', '--branch', 'MSK1', '--employee-no', '2001', '--name', 'Анна Л.', '--role', 'associate')).code).toBe(0);
      const again = await cli(env, 'backup', '--to', backup);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('exists already');
      const busy = await cli(env, 'restore', '--from', backup);
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('restore: stop the server first');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    const junk = path.join(dataDir, 'not-a-backup.tar.gz');
    writeFileSync(junk, 'hello');
    const refused = await cli(env, 'restore', '--from', junk);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not an okno backup that opens');
    expect(refused.stderr).toContain('nothing was changed');
    expect((await cli(env, 'add-staff', '--branch', 'MSK1', '--employee-no', '2001', '--name', 'Анна Л.', '--role', 'associate')).stderr).toContain('is taken');

    const restored = await cli(env, 'restore', '--from', backup);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('(1 branch)');
    const kept = /kept in (\S+)/.exec(restored.stdout)![1]!;
    expect(readdirSync(kept).length).toBeGreaterThan(0);
    // The state of the backup: the demo is there, the staff member added after it is not.
    expect((await cli(env, 'add-staff', '--branch', 'MSK1', '--employee-no', '2001', '--name', 'Анна Л.', '--role', 'associate')).code).toBe(0);
    expect((await cli(env, 'enroll-code')).stdout).toContain('branch MSK1');
  }, 180_000);

  it('takes over a lock left by a process that died', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'okno-stale-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dataDir, 'okno.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'server/cli.ts start', startedAt: '2026-11-01T00:00:00Z', socket: null }));
    const env = { ...process.env, OKNO_DATA_DIR: dataDir, DATABASE_URL: '' };
    const migrated = await cli(env, 'migrate');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('applied migrations: 1, 2, 3');
  }, 60_000);
});
