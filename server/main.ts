import cluster from 'node:cluster';
import { workerMetrics } from './http/cluster-metrics';
import { acceptOnCopies } from './http/more-acceptors';
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError } from './errors';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { openDb } from './db/open-db';
import { migrate } from './db/migrate';
import { untilDatabaseAnswers } from './db/unavailable';
import { adminSocketPath, listenAdminSocket } from './local/admin-socket';
import { runCommand } from './local/commands';
import { buildServices, type Services } from './services';
import { DEFAULT_PHONE_CHECK } from './services/phone-check-service';
import { startRetentionJob } from './services/retention/retention-job';
import { DEFAULT_STAFF_SESSION_SETTINGS } from './services/staff-session-service';

/** Where `npm run build:kiosk` puts the renderer. */
export const DEFAULT_KIOSK_DIR = fileURLToPath(new URL('../dist/kiosk', import.meta.url));

export type RunningServer = { app: FastifyInstance; db: Db; services: Services; url: string; close(): Promise<void> };

/**
 * Opens the database, applies migrations, and listens. The only place that calls `listen`.
 * On the embedded database this process holds the data folder, so it also answers the
 * CLI's data commands (enroll-code, add-staff, …) on a local socket only this machine's
 * user can open (local/admin-socket.ts).
 */
export async function startServer(config: ServerConfig, options: { logger?: boolean; kioskDir?: string } = {}): Promise<RunningServer> {
  const db = await openDb(config);
  let socket: { close(): Promise<void> } | null = null;
  let retention: { stop(): Promise<void> } | null = null;
  let app: FastifyInstance | null = null;
  let acceptors: { stop(): Promise<void> } | null = null;
  try {
    const services = buildServices(db, undefined, { deviceAlerts: config.deviceAlerts, kioskRetentionDays: config.kioskRetentionDays, deviceKeepSettledDays: config.deviceKeepSettledDays, tokenRotation: config.tokenRotation, passbookFullLines: config.passbookFullLines, salePriceTolerancePercent: config.salePriceTolerancePercent });
    let ready = false;
    app = await buildApp({
      db, services, logger: options.logger ?? true, kioskDir: options.kioskDir ?? DEFAULT_KIOSK_DIR, ready: () => ready,
      appOrigins: config.appOrigins, metricsToken: config.metricsToken, ...(cluster.isWorker ? { metricsProcessText: workerMetrics } : {}), ...(config.tls ? { https: readTls(config.tls) } : {}),
    });
    // Listening first, so /healthz answers (alive) while a database that is down is
    // waited for; the API answers 503 until it is migrated (/readyz says which).
    // Node's listen backlog (511) on purpose: at 4,096 the queue held connections past
    // their devices' 20 s (842 accepted, 4,097 waiting, workers at 39 % CPU: bench:chain).
    // What drains the queue is accepting more per loop turn (http/more-acceptors.ts).
    await app.listen({ port: config.port, host: config.host });
    acceptors = acceptOnCopies(app.server, app.server.maxConnections, (line) => app!.log.warn(line));
    const log = (line: string) => app!.log.warn(line);
    await untilDatabaseAnswers(() => migrate(db), log);
    ready = true;
    retention = startRetentionJob(db, {
      ...config.keep, attemptsMinutes: Math.max(DEFAULT_STAFF_SESSION_SETTINGS.lockMinutes, DEFAULT_PHONE_CHECK.lockMinutes),
    }, (line) => app!.log.info(line));
    if (db.lock) {
      const path = adminSocketPath(config.dataDir);
      socket = await listenAdminSocket(path, (request) => runCommand(db, services, request));
      db.lock.setSocket(path);
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `${config.tls ? 'https' : 'http'}://${config.host}:${port}`;
    let closed = false;
    const running = app;
    return {
      app: running,
      db,
      services,
      url,
      async close() {
        if (closed) return;
        closed = true;
        await retention?.stop();
        await socket?.close();
        const copiesDone = acceptors?.stop();
        await running.close();
        // the requests that came through the socket's copies, answered before the database closes
        await copiesDone;
        await db.close();
      },
    };
  } catch (error) {
    await retention?.stop();
    await socket?.close();
    const copiesDone = acceptors?.stop();
    await app?.close();
    await copiesDone;
    await db.close();
    throw error;
  }
}

/** The certificate and key files, or a message naming the setting whose file cannot be read or is no PEM. */
function readTls(tls: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  const read = (file: string, variable: string, kind: string) => {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch (error) {
      throw new ConfigError(`${variable}=${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!new RegExp(`-----BEGIN [A-Z ]*${kind}-----`).test(text.toString('latin1'))) throw new ConfigError(`${variable}=${file}: expected a PEM file with a ${kind.toLowerCase()} (-----BEGIN ${kind}…)`);
    return text;
  };
  return { cert: read(tls.certFile, 'OKNO_TLS_CERT', 'CERTIFICATE'), key: read(tls.keyFile, 'OKNO_TLS_KEY', 'PRIVATE KEY') };
}

/** Stops cleanly on Ctrl+C or a service manager's TERM, so PGlite flushes its files. */
export function closeOnSignals(server: Pick<RunningServer, 'close'>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}
