import type { FastifyInstance } from 'fastify';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import { openDb } from './db/open-db';
import { migrate } from './db/migrate';

/** Where `npm run build:kiosk` puts the renderer. */
export const DEFAULT_KIOSK_DIR = fileURLToPath(new URL('../dist/kiosk', import.meta.url));

export type RunningServer = { app: FastifyInstance; db: Db; url: string; close(): Promise<void> };

/** Opens the database, applies migrations, and listens. The only place that calls `listen`. */
export async function startServer(config: ServerConfig, options: { logger?: boolean; kioskDir?: string } = {}): Promise<RunningServer> {
  const db = await openDb(config);
  await migrate(db);
  const app = await buildApp({ db, logger: options.logger ?? true, kioskDir: options.kioskDir ?? DEFAULT_KIOSK_DIR });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host}:${config.port}`;
  let closed = false;
  return {
    app,
    db,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await db.close();
    },
  };
}

/** Stops cleanly on Ctrl+C or a service manager's TERM, so PGlite flushes its files. */
export function closeOnSignals(server: Pick<RunningServer, 'close'>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}
