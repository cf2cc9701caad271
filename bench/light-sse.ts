import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';

/** One event off the wire: its id, name, and the data still as text (parsed only by who needs it). */
export type LightEvent = { id: number; name: string; data: string };

/** No answer within 20 s is no answer (a device's EventSource would give up too). */
const ANSWER_MS = 20_000;

/**
 * An event stream for benches that hold thousands of them in one process: a plain TCP
 * socket per stream, the request written and the answer read by hand (status line,
 * headers, chunked body), frames split without decoding their JSON. The test helper
 * (test/server/support/sse.ts) parses every frame with fetch; node:http gives each
 * socket an HTTP parser. At 5,000 streams in the one process that times them, either
 * made the client, not the server, the slowest part of bench:events (docs/benchmarks.md).
 * It speaks only what okno's server answers: HTTP/1.1, chunked, no TLS.
 */
export function openLightSse(
  url: string,
  /** `end`: a stream that opened (200) ended; one that did not open only answers its status (0: no connection) */
  on: { event(e: LightEvent): void; end(reason: string): void },
): Promise<{ status: number; close(): void; body?: string }> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(target.port), target.hostname);
    let status: number | null = null; // null: the headers have not come yet
    let refusal: { length: number; body: Buffer } | null = null; // a non-200 answer's body, as it comes
    let ended = false;
    let raw: Buffer = Buffer.alloc(0); // bytes not taken yet: headers, or a chunk's size line and body
    const text = new StringDecoder('utf8');
    let frames = '';
    const close = () => { ended = true; socket.destroy(); };
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      socket.destroy();
      if (status === 200) on.end(reason);
      else resolve({ status: status ?? 0, close: () => undefined, ...(refusal ? { body: refusal.body.toString('utf8') } : {}) });
    };
    const noAnswer = setTimeout(() => end('no answer in 20 s'), ANSWER_MS);
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\naccept: text/event-stream\r\n\r\n`));
    socket.on('data', (bytes: Buffer) => {
      raw = raw.length ? Buffer.concat([raw, bytes]) : bytes;
      if (status === null) {
        const headersEnd = raw.indexOf('\r\n\r\n');
        if (headersEnd < 0) return;
        const head = raw.toString('latin1', 0, headersEnd);
        status = Number(head.slice(9, 12));
        clearTimeout(noAnswer);
        raw = raw.subarray(headersEnd + 4);
        // A refusal (503 server-busy, 401) has a body of a stated length: the caller reads why.
        if (status !== 200) refusal = { length: Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0), body: Buffer.alloc(0) };
        else resolve({ status, close });
      }
      if (refusal) {
        refusal.body = Buffer.concat([refusal.body, raw]);
        raw = Buffer.alloc(0);
        if (refusal.body.length >= refusal.length) end(`answered ${status}`);
        return;
      }
      // The body, chunk by chunk: `<size in hex>\r\n<size bytes>\r\n`; size 0 ends it.
      for (;;) {
        const line = raw.indexOf('\r\n');
        if (line < 0) break;
        const size = parseInt(raw.toString('latin1', 0, line), 16);
        if (size === 0) return end('ended by the server');
        if (raw.length < line + 2 + size + 2) break;
        frames += text.write(raw.subarray(line + 2, line + 2 + size));
        raw = raw.subarray(line + 2 + size + 2);
      }
      let at;
      while ((at = frames.indexOf('\n\n')) >= 0) {
        const frame = frames.slice(0, at);
        frames = frames.slice(at + 2);
        if (frame.startsWith(':') || frame.startsWith('retry:')) continue; // a keep-alive comment, the reconnect delay
        let id = 0;
        let name = 'message';
        let data = '';
        for (const l of frame.split('\n')) {
          if (l.startsWith('id:')) id = Number(l.slice(3));
          else if (l.startsWith('event:')) name = l.slice(6).trim();
          else if (l.startsWith('data:')) data = l.slice(5).trim();
        }
        on.event({ id, name, data });
      }
    });
    socket.on('end', () => end('ended by the server'));
    socket.on('close', () => { clearTimeout(noAnswer); end('closed'); });
    socket.on('error', (error) => end(error.message));
  });
}
