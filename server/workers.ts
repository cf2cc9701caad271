import cluster, { type Worker } from 'node:cluster';
import { serveSocketCopies } from './http/more-acceptors';

/**
 * Several copies of the server in child processes sharing one port (node:cluster), so a
 * central server uses every core: one Node process spends its single thread on HTTP,
 * JSON and the database protocol, and on a 2-core machine it left PostgreSQL waiting for
 * it 11 % of the time under load (docs/benchmarks.md). Only with PostgreSQL: PGlite is
 * one process's database.
 *
 * The primary process only supervises. A worker listens before its database answers
 * (it waits for it with backoff, /healthz alive and /readyz not ready meanwhile), so a
 * database that is down never stops the server. A worker that dies after it was
 * listening is replaced, after a growing pause when they keep dying soon after starting
 * (a crash loop must not spin the CPU); one that dies before it ever listened (a port
 * that is taken, a bad setting) is not restarted in a loop: the primary stops all and
 * exits 1, and the worker's own message says why.
 */
export function isWorkerPrimary(workers: number): boolean {
  return workers > 1 && cluster.isPrimary;
}

/** A worker that dies sooner than this after starting counts towards a crash loop. */
const QUICK_DEATH_MS = 10_000;

export type Supervision = { ready: Promise<void>; stop(signal?: NodeJS.Signals): Promise<void> };

/**
 * Who takes a new connection: the kernel, for whichever worker calls accept() first.
 * Node's default on Linux is round-robin through this process, which accepts every
 * connection and hands it to a worker only once that worker acknowledged the one before:
 * when 7,000 devices came back at once and the workers were busy, this process held the
 * waiting connections until it ran out of file descriptors (19,999 of 20,000), and every
 * new one was closed unanswered (bench:chain, docs/benchmarks.md). Left to the kernel, a
 * busy worker simply accepts later and the rest wait in the listen backlog. The variable
 * NODE_CLUSTER_SCHED_POLICY=rr still chooses round-robin (a test needs calls spread).
 */
function connectionsToWorkers(): void {
  if (process.env['NODE_CLUSTER_SCHED_POLICY'] === undefined) cluster.schedulingPolicy = cluster.SCHED_NONE;
}

export function superviseWorkers(workers: number, log: (line: string) => void): Supervision {
  connectionsToWorkers();
  let stopping = false;
  let listening = 0;
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const served = new WeakSet<Worker>();
  const started = new WeakMap<Worker, number>();
  let quickDeaths = 0;

  const fork = () => {
    const worker = cluster.fork();
    serveSocketCopies(worker);
    started.set(worker, Date.now());
    worker.once('listening', () => {
      served.add(worker);
      if (++listening === workers) markReady();
    });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      if (!served.has(worker)) {
        log(`okno: a server worker could not start (exit ${signal ?? code}); stopping`);
        void stop().then(() => process.exit(1));
        return;
      }
      // A worker that served a while is replaced at once; one of a crash loop after 1, 2, 4 … 30 s.
      quickDeaths = Date.now() - started.get(worker)! < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      const delay = quickDeaths === 0 ? 0 : Math.min(30_000, 1000 * 2 ** (quickDeaths - 1));
      log(`okno: server worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another${delay ? ` in ${delay / 1000} s` : ''}`);
      setTimeout(() => { if (!stopping) fork(); }, delay);
    });
  };

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(running.map((w) => new Promise<void>((resolve) => {
      w.once('exit', () => resolve());
      w.process.kill(signal);
    })));
  };

  for (let i = 0; i < workers; i++) fork();
  return { ready, stop };
}
