import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { z } from 'zod';

/**
 * /metrics with OKNO_WORKERS above 1. The workers share one port, so a scrape reaches
 * whichever worker the kernel hands it to; each worker alone would answer with its own
 * counters, and the series would jump between workers' values. So the worker that got
 * the scrape asks the primary, the primary asks every worker for its process registry
 * (prom-client's AggregatorRegistry over the cluster's IPC) and answers with their sum
 * (counters and histograms summed; prom-client's own process metrics by the aggregator
 * each declares).
 *
 * Only the process figures travel: the devices' figures are the chain's, read from the
 * database once by the worker that answers the scrape.
 */
const Request = z.object({ type: z.literal('okno:metrics?'), id: z.number() });
const Answer = z.object({ type: z.literal('okno:metrics!'), id: z.number(), text: z.string().optional(), error: z.string().optional() });

/** A scrape waits this long for every worker, then answers with an error (prom-client waits 5 s). */
const ASK_MS = 6_000;

/** In the primary: answer the workers' requests with every worker's figures summed. */
export function aggregateWorkerMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    const request = Request.safeParse(message);
    if (!request.success) return;
    const { id } = request.data;
    aggregator.clusterMetrics().then(
      (text) => { if (worker.isConnected()) worker.send({ type: 'okno:metrics!', id, text }); },
      (error: unknown) => { if (worker.isConnected()) worker.send({ type: 'okno:metrics!', id, error: error instanceof Error ? error.message : String(error) }); },
    );
  });
}

/** A worker's typed failure to get the workers' figures (the primary did not answer in time). */
export class ClusterMetricsError extends Error {}

/**
 * In a worker: offer `registry` to the primary's aggregation, and return the function
 * that gets every worker's figures, summed, in the text format.
 */
export function workerMetrics(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one adds prom-client's worker listener that answers the primary.
  new AggregatorRegistry();
  let next = 0;
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  process.on('message', (message: unknown) => {
    const answer = Answer.safeParse(message);
    if (!answer.success) return;
    const pending = waiting.get(answer.data.id);
    if (!pending) return;
    waiting.delete(answer.data.id);
    clearTimeout(pending.timer);
    if (answer.data.text !== undefined) pending.resolve(answer.data.text);
    else pending.reject(new ClusterMetricsError(`the workers' figures: ${answer.data.error ?? 'no answer'}`));
  });
  return () => new Promise<string>((resolve, reject) => {
    const id = next++;
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new ClusterMetricsError(`the workers' figures: the supervising process did not answer in ${ASK_MS / 1000} s`));
    }, ASK_MS);
    waiting.set(id, { resolve, reject, timer });
    process.send!({ type: 'okno:metrics?', id });
  });
}
