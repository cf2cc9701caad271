import type { FastifyInstance } from 'fastify';
import type { FetchPort } from '../../renderer/sync/api-client';

/**
 * Faults a network and a proxy can produce, switchable during a test:
 * - offline: every request fails before reaching the server;
 * - dropResponses: the server handles the request, then the answer is lost (failure mode 1);
 * - repeat: each request reaches the server this many times (a retrying proxy; mode 10);
 * - failAfter: that many more requests succeed, then the network goes down (mode 5);
 * - offlinePaths: requests whose path contains one of these fail.
 */
export type NetworkFaults = { offline: boolean; dropResponses: number; repeat: number; failAfter: number | null; offlinePaths: string[] };

export type InjectFetch = FetchPort & { faults: NetworkFaults; log: { method: string; path: string; body: string | undefined; authorization?: string }[] };

/** A fetch that calls the in-process server through `inject`: the real routes, no socket. */
export function injectFetch(app: FastifyInstance): InjectFetch {
  const faults: NetworkFaults = { offline: false, dropResponses: 0, repeat: 1, failAfter: null, offlinePaths: [] };
  const log: InjectFetch['log'] = [];
  const fetchFn = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const path = `${url.pathname}${url.search}`;
    if (faults.failAfter !== null && faults.failAfter-- <= 0) faults.offline = true;
    if (faults.offline || faults.offlinePaths.some((p) => path.includes(p))) throw new TypeError('fetch failed');
    const body = typeof init.body === 'string' ? init.body : undefined;
    let res;
    for (let i = 0; i < faults.repeat; i++) {
      const authorization = (init.headers as Record<string, string> | undefined)?.authorization;
      log.push({ method: init.method ?? 'GET', path, body, ...(authorization ? { authorization } : {}) });
      res = await app.inject({
        method: (init.method ?? 'GET') as 'GET',
        url: path,
        headers: init.headers as Record<string, string>,
        ...(body === undefined ? {} : { payload: body }),
      });
    }
    if (faults.dropResponses > 0) {
      faults.dropResponses -= 1;
      throw new TypeError('fetch failed: connection reset after the request was sent');
    }
    return new Response(res!.body, { status: res!.statusCode, headers: { 'content-type': String(res!.headers['content-type'] ?? 'application/json') } });
  };
  return Object.assign(fetchFn, { faults, log });
}
