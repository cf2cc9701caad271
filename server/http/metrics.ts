import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/db';
import { deviceAlerts } from '../../shared/domain/device-alerts';
import type { PushResult } from '../../shared/protocol/sync';
import { TRANSACTION_KINDS } from '../../shared/protocol/transactions';
import type { DeviceStatusRepo } from '../repositories/device-status-repo';
import type { DeviceAlertLimits } from '../services/device-status-service';
import { hashToken } from '../services/tokens';
import { timingSafeEqual } from 'node:crypto';
import { ClusterMetricsError } from './cluster-metrics';

/**
 * What an operator watches, in Prometheus' text format at GET /metrics (prom-client, a
 * registry per app so that test servers in one process keep their own counts):
 *
 * - pushes: transactions by kind, result and reason; the push's latency;
 * - open event streams;
 * - what devices report: the oldest queued transaction's age, devices silent, printers
 *   that need a person, refused transactions waiting for staff (by branch, read from the
 *   database when scraped: every host reports the chain, take the max);
 * - the database connection pool, and the process (memory, event-loop lag, CPU).
 *
 * A host answers for all its processes: with OKNO_WORKERS above 1, the process figures
 * are every worker's summed (cluster-metrics.ts).
 *
 * docs/operations.md ("What to watch") says what each alert means.
 */
export type Metrics = {
  /** the figures of this process: with workers, every worker's are summed at a scrape */
  registry: Registry;
  /** the scrape: the devices' figures read, then everything in the text format */
  text(): Promise<string>;
  /** one push's results, with the kinds of the transactions they answer */
  pushed(transactions: { id: string; kind: string }[], results: PushResult[], seconds: number): void;
  /** an event written to every open stream of its branch in this process, `seconds` after it was made */
  eventDelivered(seconds: number): void;
};

export function createMetrics(deps: {
  db: Db;
  status: Pick<DeviceStatusRepo, 'chain'>;
  limits: DeviceAlertLimits;
  openStreams: () => number;
  /**
   * The process figures as the scrape shows them: in a worker, every worker's summed
   * (cluster-metrics.ts); by default this process's own.
   */
  processText?: (registry: Registry) => () => Promise<string>;
}): Metrics {
  const registry = new Registry();
  // The chain's figures, read from the database by whichever process answers the scrape.
  const chain = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'okno_' });
  const transactions = new Counter({
    name: 'okno_push_transactions_total',
    help: 'Transactions pushed by devices, by kind, result (applied, duplicate, rejected, deferred) and reason',
    labelNames: ['kind', 'result', 'reason'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'okno_push_duration_seconds',
    help: 'Time to answer one push (a batch of up to 100 transactions), from its body parsed to its answer',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const delivery = new Histogram({
    name: 'okno_event_delivery_seconds',
    help: 'Age of a live event (from the start of the transaction that made it) when this process had written it to the last of its open streams of the branch; with workers, every worker\'s events',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'okno_event_streams_open',
    help: 'Live event streams the server holds open (kiosks and tablets; with workers, all of them)',
    registers: [registry],
    collect() { this.set(deps.openStreams()); },
  });
  const databaseUp = new Gauge({ name: 'okno_database_up', help: '1: this process read the devices’ reports from the database at the last scrape; 0: the database did not answer', registers: [chain] });
  const byBranch = {
    queueAge: new Gauge({ name: 'okno_device_queue_age_seconds', help: 'Age of the oldest transaction a device of the branch reports still queued (0: none)', labelNames: ['branch'] as const, registers: [chain] }),
    queued: new Gauge({ name: 'okno_device_queued', help: 'Transactions the branch’s devices report still queued', labelNames: ['branch'] as const, registers: [chain] }),
    silent: new Gauge({ name: 'okno_devices_silent', help: 'Enrolled devices of the branch with no report for longer than OKNO_DEVICE_SILENT_MINUTES', labelNames: ['branch', 'role'] as const, registers: [chain] }),
    printers: new Gauge({ name: 'okno_printers_in_trouble', help: 'Kiosks of the branch whose printer needs a person (paper out, cover open, offline, no answer)', labelNames: ['branch'] as const, registers: [chain] }),
    quarantined: new Gauge({ name: 'okno_devices_quarantined', help: 'Refused transactions the branch’s devices hold for staff to resolve', labelNames: ['branch'] as const, registers: [chain] }),
    devices: new Gauge({ name: 'okno_devices_enrolled', help: 'Enrolled devices of the branch', labelNames: ['branch', 'role'] as const, registers: [chain] }),
  };
  const scrapeSeconds = new Gauge({ name: 'okno_device_status_scrape_seconds', help: 'Time the scrape took to read the devices’ reports', registers: [chain] });

  /** The devices' figures, read once per scrape for all of them, before the registry is written out. */
  async function readDevices(): Promise<void> {
    const started = process.hrtime.bigint();
    // Reset first: with the database away the scrape says nothing of the devices rather
    // than what it read before.
    for (const g of Object.values(byBranch)) g.reset();
    let rows;
    try {
      rows = await deps.status.chain(deps.db);
      databaseUp.set(1);
    } catch {
      // The scrape still answers: the database being away is itself the news. A host only
      // too busy to read the devices now (its requests waiting their turn) is not "down":
      // its own connection says which (db.ping).
      databaseUp.set(deps.db.ping ? await deps.db.ping().then(() => 1, () => 0) : 0);
      return;
    }
    const now = Date.now();
    const oldest = new Map<string, number>();
    for (const r of rows) {
      const alerts = deviceAlerts({ lastContactAt: r.reportedAt?.toISOString() ?? null, oldestQueuedAt: r.oldestQueuedAt?.toISOString() ?? null, printer: r.printer, quarantined: r.quarantined, syncProblem: r.syncProblem }, now, deps.limits);
      byBranch.devices.inc({ branch: r.branch, role: r.role });
      byBranch.silent.inc({ branch: r.branch, role: r.role }, alerts.includes('silent') ? 1 : 0);
      byBranch.printers.inc({ branch: r.branch }, alerts.includes('printer') ? 1 : 0);
      byBranch.queued.inc({ branch: r.branch }, r.queued ?? 0);
      byBranch.quarantined.inc({ branch: r.branch }, r.quarantined ?? 0);
      const age = r.oldestQueuedAt ? Math.max(0, (now - r.oldestQueuedAt.getTime()) / 1000) : 0;
      oldest.set(r.branch, Math.max(oldest.get(r.branch) ?? 0, age));
    }
    for (const [branch, age] of oldest) byBranch.queueAge.set({ branch }, age);
    scrapeSeconds.set(Number(process.hrtime.bigint() - started) / 1e9);
  }
  const pool = deps.db.poolUse;
  if (pool) {
    new Gauge({
      name: 'okno_db_pool_connections',
      help: 'The server’s PostgreSQL connections (with workers, all of their pools): in use, idle, and the pools’ maximum; waiting: requests waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const use = pool();
        this.set({ state: 'in-use' }, use.total - use.idle);
        this.set({ state: 'idle' }, use.idle);
        this.set({ state: 'max' }, use.max);
        this.set({ state: 'waiting' }, use.waiting);
      },
    });
  }

  // A kind from a newer release is counted as "other": a label per unknown string would
  // let any device grow the metrics without end.
  const kindLabel = (kind: string) => (Object.hasOwn(TRANSACTION_KINDS, kind) ? kind : 'other');
  const processText = deps.processText?.(registry) ?? (() => registry.metrics());
  return {
    registry,
    async text() {
      await readDevices();
      return `${await chain.metrics()}\n${await processText()}`;
    },
    pushed(sent, results, seconds) {
      const kinds = new Map(sent.map((t) => [t.id, t.kind]));
      for (const r of results) transactions.inc({ kind: kindLabel(kinds.get(r.id) ?? 'other'), result: r.status, reason: r.reason ?? '' });
      latency.observe(seconds);
    },
    eventDelivered(seconds) {
      delivery.observe(seconds);
    },
  };
}

/**
 * GET /metrics: with OKNO_METRICS_TOKEN set, for a bearer of it; without, for a scraper
 * on this host only (a request that came through a proxy such as Caddy carries
 * X-Forwarded-For and is refused, so the metrics are never public by accident).
 */
export function installMetricsRoute(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  const expected = token ? Buffer.from(hashToken(token)) : null;
  const allowed = (request: FastifyRequest): boolean => {
    if (expected) {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      return match !== null && timingSafeEqual(Buffer.from(hashToken(match[1]!)), expected);
    }
    const local = request.socket.remoteAddress === '127.0.0.1' || request.socket.remoteAddress === '::1' || request.socket.remoteAddress === '::ffff:127.0.0.1';
    return local && request.headers['x-forwarded-for'] === undefined;
  };
  app.get('/metrics', async (request, reply) => {
    if (!allowed(request)) {
      return reply.status(403).send({ error: 'forbidden', message: expected ? 'GET /metrics needs the bearer token of OKNO_METRICS_TOKEN' : 'GET /metrics answers this host only (set OKNO_METRICS_TOKEN to scrape it from elsewhere)', requestId: String(request.id) });
    }
    let text: string;
    try {
      text = await metrics.text();
    } catch (error) {
      // A part of the figures missing is said, not answered as if it were all of them.
      if (!(error instanceof ClusterMetricsError)) throw error;
      return reply.status(503).send({ error: 'metrics-unavailable', message: error.message, requestId: String(request.id) });
    }
    return reply.header('content-type', metrics.registry.contentType).send(text);
  });
}
