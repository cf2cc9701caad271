import cluster from 'node:cluster';
import http from 'node:http';
import { acceptOnCopies, serveSocketCopies } from '../../../server/http/more-acceptors';

/**
 * Two workers sharing a port as server/workers.ts has them (the kernel shares it out),
 * each answering "ok" while every turn of its event loop is held BUSY_MS by other work,
 * as a worker is during a chain's drain. COPIES=1 accepts through the socket's copies
 * (http/more-acceptors.ts), COPIES=0 through the one handle Node gives. MAX_CONNECTIONS
 * caps each worker. Prints "listening <port>" once both listen.
 */
const busyMs = Number(process.env['BUSY_MS'] ?? 0);
const maxConnections = Number(process.env['MAX_CONNECTIONS'] ?? 10_000);

if (cluster.isPrimary) {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let listening = 0;
  for (let i = 0; i < 2; i++) {
    const worker = cluster.fork();
    serveSocketCopies(worker);
    worker.on('message', (message: { port?: number }) => {
      if (message.port && ++listening === 2) console.log(`listening ${message.port}`);
    });
  }
  process.on('SIGTERM', () => { for (const w of Object.values(cluster.workers ?? {})) w?.kill(); process.exit(0); });
} else {
  const server = http.createServer((_req, res) => res.end('ok'));
  server.maxConnections = maxConnections;
  server.listen(0, '127.0.0.1', () => {
    if (process.env['COPIES'] === '1') acceptOnCopies(server, maxConnections, (line) => console.error(line));
    process.send!({ port: (server.address() as { port: number }).port });
  });
  if (busyMs > 0) setInterval(() => { const end = Date.now() + busyMs; while (Date.now() < end); }, 0);
}
