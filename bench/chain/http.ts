import http from 'node:http';

/**
 * The devices' calls: keep-alive, and as many connections as calls at once (each real
 * device has its own), so a queue in the client never passes for the server's latency.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 2048 });

/** `retryAfterMs`: what a busy server's Retry-After said, if it said. */
export type Answer = { status: number; body: string; ms: number; retryAfterMs?: number };

/**
 * One call; a network failure (the server is down, the connection cut) rejects. A call
 * on a kept-alive connection that the server closed as it was sent (its keep-alive
 * timeout, 10 s, passing at that moment) is sent once more on a new one, as a browser
 * does (Node's `reusedSocket` is there for this): nothing reached the server.
 */
export async function call(base: URL, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  try {
    return await once(base, method, path, headers, body);
  } catch (error) {
    if ((error as { reusedSocket?: boolean }).reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') return once(base, method, path, headers, body);
    throw error;
  }
}

function once(base: URL, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, path, method, agent, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        const retryAfter = Number(res.headers['retry-after'] ?? NaN);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ms: performance.now() - started, ...(retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}) }));
        res.on('error', reject);
      },
    );
    // A device gives up on an answer after 20 s (REQUEST_TIMEOUT_MS, renderer/sync/api-client.ts).
    req.setTimeout(20_000, () => req.destroy(new Error('no answer in 20 s')));
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(body);
  });
}
