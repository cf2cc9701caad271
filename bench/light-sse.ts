import http from 'node:http';

/** One event off the wire: its id, name, and the data still as text (parsed only by who needs it). */
export type LightEvent = { id: number; name: string; data: string };

/**
 * An event stream for benches that hold thousands of them in one process: a plain
 * socket per stream (node:http, no agent), and frames split by hand without decoding
 * their JSON. The test helper (test/server/support/sse.ts) parses every frame with fetch
 * and zod-free JSON; at 2,000 streams that made the client, not the server, the slowest
 * part of bench:events (docs/benchmarks.md).
 */
export function openLightSse(
  url: string,
  /** `end`: a stream that opened (200) ended; one that did not open only answers its status (0: no connection) */
  on: { event(e: LightEvent): void; end(reason: string): void },
): Promise<{ status: number; close(): void }> {
  return new Promise((resolve) => {
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      on.end(reason);
    };
    const req = http.get(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        ended = true;
        resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let at;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          if (frame.startsWith(':')) continue; // a keep-alive comment
          let id = 0;
          let name = 'message';
          let data = '';
          for (const line of frame.split('\n')) {
            if (line.startsWith('id:')) id = Number(line.slice(3));
            else if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data = line.slice(5).trim();
          }
          on.event({ id, name, data });
        }
      });
      res.on('end', () => end('ended by the server'));
      res.on('close', () => end('closed'));
      res.on('error', () => end('error'));
      resolve({ status: 200, close: () => { ended = true; req.destroy(); } });
    });
    let opened = false;
    // No answer within 20 s is no answer (a device's EventSource would give up too).
    const noAnswer = setTimeout(() => req.destroy(new Error('no answer in 20 s')), 20_000);
    req.on('response', () => { opened = true; clearTimeout(noAnswer); });
    req.on('error', (error) => {
      clearTimeout(noAnswer);
      if (opened) end(error.message);
      else resolve({ status: 0, close: () => undefined });
    });
  });
}
