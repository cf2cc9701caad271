/**
 * The server under load, in its own process so the load generator does not share its
 * event loop; with BENCH_WORKERS > 1 (the default is 2, one per core here) as that many
 * worker processes, exactly as `OKNO_WORKERS` runs them (server/workers.ts).
 */
import cluster from 'node:cluster';
import { buildApp } from '../server/app';
import { aggregateWorkerMetrics, workerMetrics } from '../server/http/cluster-metrics';
import { acceptOnCopies } from '../server/http/more-acceptors';
import { openPostgres } from '../server/db/pg-db';
import { isWorkerPrimary, superviseWorkers } from '../server/workers';

const workers = Number(process.env.BENCH_WORKERS ?? 2);
if (isWorkerPrimary(workers)) {
  aggregateWorkerMetrics();
  const supervision = superviseWorkers(workers, (line) => console.error(line));
  await supervision.ready;
  process.send?.('listening');
  process.on('disconnect', () => void supervision.stop().then(() => process.exit(0)));
} else {
  const db = await openPostgres({ connectionString: process.env.DATABASE_URL!, schema: process.env.BENCH_SCHEMA, max: Number(process.env.BENCH_POOL ?? 20) });
  const app = await buildApp({ db, logger: false, ...(cluster.isWorker ? { metricsProcessText: workerMetrics } : {}) });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  // as server/main.ts listens (BENCH_ACCEPT_COPIES=0: with Node's one handle, to compare)
  const copies = process.env.BENCH_ACCEPT_COPIES !== '0' ? acceptOnCopies(app.server, app.server.maxConnections, (line) => console.error(line)) : null;
  process.send?.('listening');
  process.on('disconnect', () => {
    const copiesDone = copies?.stop();
    void app.close().then(() => copiesDone).then(() => db.close()).then(() => process.exit(0));
  });
}
