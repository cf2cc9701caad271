import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
import { CommandRequest } from './commands';

/** What the socket answers: the CLI's lines, or an expected failure as a value. */
export type SocketReply = { ok: true; lines: string[] } | { ok: false; code: string; detail: string };

/**
 * Where the running server listens for the CLI: a Unix socket inside a folder only this
 * user may enter (mode 0700), so no other user of the machine and nothing on the network
 * can reach it. Unix sockets have a short path limit (about 104 bytes), so a deep data
 * folder gets one in the temporary folder, named after the data folder.
 */
export function adminSocketPath(dataDir: string): string {
  const inData = path.join(path.resolve(dataDir), 'run', 'admin.sock');
  if (process.platform === 'win32') return `\\\\?\\pipe\\okno-${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`;
  if (inData.length < 100) return inData;
  return path.join(os.tmpdir(), `okno-${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`, 'admin.sock');
}

/** Serves CLI commands on the socket until closed; `run` executes one with the server's own database. */
export async function listenAdminSocket(socketPath: string, run: (request: CommandRequest) => Promise<string[]>): Promise<{ close(): Promise<void> }> {
  if (process.platform !== 'win32') {
    mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 });
    chmodSync(path.dirname(socketPath), 0o700);
    rmSync(socketPath, { force: true });
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void answer(Buffer.concat(chunks).toString('utf8')).then((reply) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
  });
  async function answer(body: string): Promise<SocketReply> {
    let request: CommandRequest;
    try {
      request = CommandRequest.parse(JSON.parse(body));
    } catch (error) {
      return { ok: false, code: 'invalid-command', detail: `the server could not read the command: ${(error as Error).message}` };
    }
    try {
      return { ok: true, lines: await run(request) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, detail: error.message };
      console.error('a CLI command failed in the server', error);
      return { ok: false, code: 'internal', detail: 'the command failed in the server; its log has the details' };
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  if (process.platform !== 'win32') chmodSync(socketPath, 0o600);
  return {
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends one command to the server listening on `socketPath`. */
export function sendToAdminSocket(socketPath: string, request: CommandRequest): Promise<SocketReply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: '/', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as SocketReply);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(request));
  });
}
