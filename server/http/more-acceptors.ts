import cluster, { type Worker } from 'node:cluster';
import net from 'node:net';

/**
 * Why a worker listens on its port through several handles.
 *
 * libuv accepts one connection per turn of the event loop (since 1.45: libuv pull
 * request 3696, "don't accept() connections in a loop"). A worker busy with a chain's
 * drain turns its loop perhaps 20 times a second, so two workers took 40 new connections
 * a second while 7,000 devices came back within a minute, each opening a connection for
 * its sync and one for its event stream: the kernel's queue filled, and connections that
 * waited in it past their devices' 20 s were reset (bench:chain: 2,797 failed calls, all
 * ECONNRESET, at 2,500 kiosks). Each handle here is the same listening socket under
 * another file descriptor (a copy made by sending it through the supervisor: Node cannot
 * duplicate a descriptor itself): the worker's own handle and seven copies, so each turn
 * accepts up to ACCEPTORS_PER_WORKER connections. A connection accepted sooner is answered
 * sooner, if only with "busy, come back later" (admission.ts, with a Retry-After), which
 * a device follows; one left in the queue is reset.
 * 3,000 connections at once against two workers whose every loop turn takes 40 ms:
 * 1,040 answered and 1,960 failed with one handle, all 3,000 answered within 11 s with 8.
 *
 * Only in a cluster worker whose port the kernel shares out (workers.ts): under Node's
 * round-robin the worker holds no socket to copy, and a single process has no one to
 * copy it for it.
 */
export const ACCEPTORS_PER_WORKER = 8;

type HandleRequest = { okno: 'listen-handles'; copies: number };
type HandleCopy = { okno: 'listen-handle' };

const isRequest = (message: unknown): message is HandleRequest => (message as HandleRequest | null)?.okno === 'listen-handles';
const isCopy = (message: unknown): message is HandleCopy => (message as HandleCopy | null)?.okno === 'listen-handle';

/** A listening server's socket handle, where it is a real one (not round-robin's stand-in). */
function socketHandle(server: net.Server): { fd: number } | null {
  // `_handle` is Node's own field; there is no public way to reach the socket of a server.
  const handle = (server as unknown as { _handle?: { fd?: unknown } })._handle;
  return handle && typeof handle.fd === 'number' && handle.fd >= 0 ? (handle as { fd: number }) : null;
}

/**
 * In a worker whose `server` listens: asks the supervisor for copies of its socket and
 * accepts on each, handing the connections to `server` as its own. `maxConnections`
 * counts every connection of `server`, however it was accepted; one past it is closed at
 * once, as Node closes one past a server's own cap. `stop()` stops accepting on the
 * copies and resolves once the connections they accepted have ended: `server.close()`
 * waits only for its own, and a stopping worker must not close its database under a
 * request that came through a copy.
 */
export function acceptOnCopies(server: net.Server, maxConnections: number, log: (line: string) => void): { stop(): Promise<void> } {
  const copies: net.Server[] = [];
  let stopped = false;
  let open = 0;
  // The sockets as the server itself would accept them: HTTP's are no-delay and half-open
  // (net.Server's defaults are neither), so a stream's small frames are not held back.
  const own = server as net.Server & { noDelay?: boolean; allowHalfOpen?: boolean; keepAlive?: boolean; keepAliveInitialDelay?: number };
  const socketOptions: net.ServerOpts = {
    allowHalfOpen: own.allowHalfOpen ?? false, noDelay: own.noDelay ?? true, keepAlive: own.keepAlive ?? false, keepAliveInitialDelay: (own.keepAliveInitialDelay ?? 0) * 1000, // kept in seconds, given in ms
  };
  const handle = socketHandle(server);
  // Without copies, Node's own cap (server.maxConnections) is the whole count: nothing to add.
  if (!cluster.isWorker || !handle || !process.send) return { stop: async () => { stopped = true; } };
  server.on('connection', (socket: net.Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open > maxConnections) socket.destroy();
  });
  const onCopy = (message: unknown, copy: unknown) => {
    if (!isCopy(message) || !copy) return;
    // One that arrives after the stop is closed, not listened on (the listener stays for that).
    if (stopped) return void (copy as { close(): void }).close();
    const acceptor = net.createServer(socketOptions, (socket) => server.emit('connection', socket));
    acceptor.on('error', (error) => log(`okno: a copy of the listening socket failed (${error.message}); the others go on accepting`));
    acceptor.listen(copy as object);
    copies.push(acceptor);
  };
  process.on('message', onCopy);
  process.send({ okno: 'listen-handles', copies: ACCEPTORS_PER_WORKER - 1 } satisfies HandleRequest, handle as unknown as net.Server);
  return {
    stop() {
      stopped = true;
      // net.Server.close calls back once every connection it accepted has ended.
      return Promise.all(copies.map((copy) => new Promise<void>((resolve) => copy.close(() => resolve())))).then(() => undefined);
    },
  };
}

/**
 * In the supervisor: answers a worker's request by sending its socket back as many times
 * as it asked (each send is a new descriptor in the worker), then closes its own: the
 * supervisor never accepts a connection.
 */
export function serveSocketCopies(worker: Worker): void {
  worker.on('message', (message: unknown, handle: unknown) => {
    if (!isRequest(message) || !handle) return;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      (handle as { close(): void }).close();
    };
    let left = Math.max(0, Math.min(message.copies, 64));
    if (left === 0) return close();
    // A worker that dies while they are sent may never answer the sends: its exit closes it too.
    worker.once('exit', close);
    for (let i = 0, n = left; i < n; i++) {
      worker.send({ okno: 'listen-handle' } satisfies HandleCopy, handle as net.Server, () => { if (--left === 0) close(); });
    }
  });
}
