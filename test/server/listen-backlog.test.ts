import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/main';

let server: RunningServer | undefined;
afterAll(() => server?.close());

// A chain-wide reconnect after an outage overflowed Node's default of 511 waiting
// connections (bench:chain): the server asks the kernel for as many as it allows.
it('holds up to 4,096 waiting connections (or the kernel\'s net.core.somaxconn, if lower) while its workers are busy', async () => {
  server = await startServer({ ...loadServerConfig({ OKNO_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), 'okno-backlog-')), 'data') }), port: 0 }, { logger: false });
  const port = new URL(server.url).port;
  // For a listening socket, `ss` shows its backlog as Send-Q.
  const [line] = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim().split('\n');
  const backlog = Number(line!.trim().split(/\s+/)[2]);
  const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
  expect(backlog).toBe(Math.min(4096, somaxconn));
  expect(backlog).toBeGreaterThan(511);
}, 60_000);
