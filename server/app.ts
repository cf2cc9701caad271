import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Db } from './db/db';
import { createAuthenticator } from './http/auth';
import { installErrorHandler, RETRY_AFTER_SECONDS } from './http/error-handler';
import { buildOpenApi } from './http/openapi';
import { createMetrics, installMetricsRoute } from './http/metrics';
import { installAdmission } from './http/admission';
import type { Registry } from 'prom-client';
import { RouteRegistry } from './http/route-registry';
import { serveKiosk } from './http/kiosk-static';
import { installAppCors } from './http/cors';
import { KIOSK_APP_ORIGIN } from '../shared/protocol/origins';
import { installSecurityHeaders } from './http/security-headers';
import { installServerTime } from './http/server-time';
import { DEFAULT_RATE_LIMITS, installRateLimits, type RateLimits } from './http/rate-limits';
import { adminRoutes } from './routes/admin';
import { auditRoutes } from './routes/audit';
import { rejectionRoutes } from './routes/rejections';
import { reportRoutes } from './routes/reports';
import { documentRoutes } from './routes/documents';
import { shopperWordRoutes } from './routes/shopper-words';
import { deviceRoutes } from './routes/devices';
import { orderRoutes } from './routes/orders';
import { saleRoutes } from './routes/sales';
import { returnRoutes } from './routes/returns';
import { confirmationRoutes } from './routes/confirmations';
import { EventHub } from './events/event-hub';
import { eventRoutes } from './routes/events';
import { staffRoutes } from './routes/staff';
import { staffMemberRoutes } from './routes/staff-members';
import { syncRoutes } from './routes/sync';
import { buildServices, type Services } from './services';
import { APP_VERSION } from '../shared/version';
import { logOptions } from './http/log-options';
import { DEFAULT_LIMITS, type ServerLimits } from './http/limits';

export const SERVER_VERSION = APP_VERSION;

export type AppOptions = {
  db: Db;
  /** true: the server's log (log-options.ts); pino options to log elsewhere (tests); false: none */
  logger?: boolean | object;
  /** largest accepted body in bytes; a push of 500 transactions is about 150 KB */
  bodyLimit?: number;
  /** the built renderer (dist/kiosk) to serve at /kiosk/; omitted, the server is API-only */
  kioskDir?: string;
  /** the services, when the caller built them already (the CLI's local socket shares them) */
  services?: Services;
  /**
   * Whether the database is migrated and the API may be served (server/main.ts listens
   * before its database answers, so liveness can be told from readiness); always when
   * left out.
   */
  ready?: () => boolean;
  /** timeouts and caps against slow and greedy clients (http/limits.ts) */
  limits?: Partial<ServerLimits>;
  /** origins of the app pages that call the device routes across origins (OKNO_APP_ORIGINS); app://kiosk when left out */
  appOrigins?: readonly string[];
  /** TLS: the server speaks HTTPS itself (OKNO_TLS_CERT, OKNO_TLS_KEY) */
  https?: { cert: string | Buffer; key: string | Buffer };
  /** OKNO_METRICS_TOKEN: the bearer token GET /metrics asks for; without one it answers this host only */
  metricsToken?: string | undefined;
  /** in a cluster worker, the scrape's process figures are every worker's (cluster-metrics.ts) */
  metricsProcessText?: (registry: Registry) => () => Promise<string>;
  /** how often one client may call enrolment, sign-in, order look-ups and the admin routes (http/rate-limits.ts) */
  rateLimits?: Partial<RateLimits>;
};

/**
 * Builds the server without listening: tests drive it with `inject`, server/main.ts
 * listens. The database is opened and migrated by the caller.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  // Node looks for requests past their deadlines every connectionsCheckingInterval (30 s
  // by default, so a trickling client would be cut that much late).
  const serverOptions = { connectionsCheckingInterval: Math.min(5_000, Math.ceil(limits.headersTimeoutMs / 2)), headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) };
  const app = Fastify({
    logger: options.logger === true ? logOptions() : options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: () => randomUUID(),
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // HTTPS takes the same server options beside its certificate.
    ...(options.https ? { https: { ...serverOptions, cert: options.https.cert, key: options.https.key } } : { http: serverOptions }),
  }) as unknown as FastifyInstance;
  app.server.maxConnections = limits.maxConnections;
  installErrorHandler(app);
  installSecurityHeaders(app);
  installServerTime(app);

  const services = options.services ?? buildServices(options.db);
  const { repos } = services;
  await installRateLimits(app);
  const routes = new RouteRegistry(app, createAuthenticator({ db: options.db, devices: repos.devices, adminTokens: services.adminTokens, staffSessions: services.staffSessions }), { ...DEFAULT_RATE_LIMITS, ...options.rateLimits });
  await installAppCors(app, () => routes.routes, options.appOrigins ?? [KIOSK_APP_ORIGIN]);
  // After CORS: a "busy" answer carries its headers, so the kiosk's page reads it as one.
  installAdmission(app, limits.inProgress);
  // One LISTEN per process for every open stream; closed with the app.
  const hub = new EventHub(options.db, (branchId, after, limit) => repos.events.branchSince(options.db, branchId, after, limit), (line) => app.log.warn(line), limits.streamsPerDevice);
  await hub.start();
  // A stopping server ends its open streams (devices reconnect elsewhere and replay), or
  // closing would wait for every tablet to hang up.
  app.addHook('preClose', async () => { hub.endAll(); });
  app.addHook('onClose', async () => { await hub.close(); });
  const metrics = createMetrics({ db: options.db, status: repos.deviceStatus, limits: services.deviceStatus.limits, openStreams: () => hub.open, ...(options.metricsProcessText ? { processText: options.metricsProcessText } : {}) });
  hub.onDelivered = (seconds) => metrics.eventDelivered(seconds);
  installMetricsRoute(app, metrics, options.metricsToken);
  deviceRoutes(routes, services.enrollment, services.deviceStatus, services.deviceRevocation);
  syncRoutes(routes, services, metrics);
  orderRoutes(routes, { db: options.db, orders: repos.orders, phoneChecks: services.phoneChecks });
  saleRoutes(routes, { db: options.db, sales: repos.sales });
  returnRoutes(routes, services.returnLookup);
  confirmationRoutes(routes, services.confirmations);
  adminRoutes(routes, services.catalogue, services.ledger);
  shopperWordRoutes(routes, { db: options.db, shopperWords: repos.shopperWords });
  staffRoutes(routes, services.staffSessions);
  staffMemberRoutes(routes, { staff: services.staff, sessions: services.staffSessions });
  auditRoutes(routes, { db: options.db, audit: repos.audit });
  rejectionRoutes(routes, { db: options.db, rejections: repos.rejections });
  reportRoutes(routes, { db: options.db, reports: repos.reports });
  documentRoutes(routes, services.reprints);
  eventRoutes(routes, { events: services.events, sessions: services.staffSessions, hub, log: (line) => app.log.warn(line) });

  const ready = options.ready ?? (() => true);
  // Until the database is migrated, the API says so instead of failing on missing tables.
  app.addHook('onRequest', async (request, reply) => {
    if (ready() || !request.url.startsWith('/api/')) return;
    return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({ error: 'starting', message: 'the server is waiting for its database; try again shortly', requestId: String(request.id) });
  });
  // Liveness: the process answers. A supervisor restarts a server that does not; it must
  // not restart one whose database is away, which restarting would not mend.
  app.get('/healthz', async () => ({ ok: true, version: SERVER_VERSION, database: options.db.kind, ready: ready() }));
  // Readiness: this process can serve the API now (migrated, and the database answers).
  app.get('/readyz', async (_request, reply) => {
    if (!ready()) return reply.status(503).send({ ready: false, reason: 'starting: waiting for the database' });
    try {
      // On PostgreSQL a connection of its own, so a busy host is not taken for a down one.
      await (options.db.ping ? options.db.ping() : repos.health.ping(options.db));
      return { ready: true, version: SERVER_VERSION, database: options.db.kind };
    } catch (error) {
      return reply.status(503).send({ ready: false, reason: `the database does not answer: ${(error as Error).message}` });
    }
  });
  const openapi = buildOpenApi(routes.routes, SERVER_VERSION);
  app.get('/api/openapi.json', async () => openapi);
  if (options.kioskDir) await serveKiosk(app, options.kioskDir);
  return app;
}
