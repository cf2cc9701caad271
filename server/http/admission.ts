import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TURN_WAIT_MS } from '../db/gate';
import { ServerBusyError } from '../errors';

/**
 * At most `limit` API requests in progress in this process; one more is answered 503
 * `server-busy` with Retry-After at once, before its body is read.
 *
 * Why: a device gives up on an answer after 20 s and sends the request again, while the
 * server goes on with the one it left. When 7,000 devices came back from an outage at
 * once (bench:chain), the workers held thousands of requests, answered them after their
 * devices had left, and spent the rest of their time on the resends: the queues stopped
 * draining. Told "busy" at once, a device waits out the Retry-After (15 s, and up to half as
 * long again at random: renderer/sync/backoff.ts) and the requests the server took are
 * answered while someone still waits for them.
 *
 * An event stream counts while it opens (its ticket and where it starts are read from
 * the database like any request's), and no longer once it streams (`streamOpened`): open,
 * it stays for hours. Uncounted, thousands of tablets reopening their streams after an
 * outage queued for connections past their 20 s and none opened for the whole drain
 * (bench:chain).
 *
 * A fifth of the places are kept for the live channel (its ticket, a stream's opening, a
 * poll): counted among the rest, openings heard "busy" behind the drain's pushes and pulls
 * and backed off, and at 5,000 kiosks the tablets' streams came back over nine minutes
 * (p50 six), hearing calls for help only with their sync rounds meanwhile.
 */
export const LIVE_CHANNEL_SHARE = 0.2;

const isLiveChannel = (url: string) => /^\/api\/v1\/events(?:[/?]|$)/.test(url);

export function installAdmission(app: FastifyInstance, limit: number): void {
  const forOthers = limit - Math.floor(limit * LIVE_CHANNEL_SHARE);
  let inProgress = 0;
  const counted = new WeakSet<FastifyRequest>();
  const done = (request: FastifyRequest) => {
    if (counted.delete(request)) inProgress--;
  };
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    // The same answer as a turn that did not come in time (gate.ts), through the error handler.
    if (inProgress >= (isLiveChannel(request.url) ? limit : forOthers)) throw new ServerBusyError('the server is busy: nothing was changed, try again shortly', Math.ceil(TURN_WAIT_MS / 1000));
    inProgress++;
    counted.add(request);
    releases.set(request, () => done(request));
    // The response's 'close' comes after its answer and also when the client left: a
    // device that gives up after its body was read gets neither onResponse (the answer
    // to a closed socket never finishes) nor onRequestAbort (Node calls that request
    // complete), and its place would be lost for good.
    reply.raw.once('close', () => done(request));
  });
  // Injected requests (tests) have no socket to close: their answer counts them down.
  app.addHook('onResponse', async (request) => done(request));
}

/** Each counted request's way to give its place back, whichever app counted it. */
const releases = new WeakMap<FastifyRequest, () => void>();

/** An event stream's request is streaming now: it gives its place back (it stays open for hours). */
export function streamOpened(request: FastifyRequest): void {
  releases.get(request)?.();
}
