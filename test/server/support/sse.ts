/** One event as an EventSource would hand it over. */
export type SseEvent = { id: number; name: string; data: Record<string, unknown> };

/**
 * A minimal EventSource for tests (Node has none): reads a text/event-stream with fetch,
 * collects its events, and answers `next(name)` with the first one of that name not yet
 * taken, waiting for it. `close()` ends the connection, as a closed tab would.
 */
export async function openSse(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const taken = new Set<SseEvent>();
  let comments = 0;
  let ended = false;
  const waiters = new Set<() => void>();
  void (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(frame.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
          if (frame.startsWith(':')) comments++;
          if (fields['data'] !== undefined) events.push({ id: Number(fields['id']), name: fields['event'] ?? 'message', data: JSON.parse(fields['data']) as Record<string, unknown> });
          for (const w of waiters) w();
        }
      }
    } catch {
      // aborted
    }
    ended = true;
  })();
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    headers: Object.fromEntries(res.headers.entries()),
    events,
    get comments() { return comments; },
    /** the server ended the stream (or it was closed here) */
    get ended() { return ended; },
    async next(name: string, ms = 10_000): Promise<SseEvent> {
      const end = Date.now() + ms;
      for (;;) {
        const found = events.find((e) => e.name === name && !taken.has(e));
        if (found) { taken.add(found); return found; }
        if (Date.now() > end) throw new Error(`no "${name}" event within ${ms} ms (got ${events.map((e) => e.name).join(', ') || 'none'})`);
        await new Promise<void>((r) => { const w = () => { waiters.delete(w); r(); }; waiters.add(w); setTimeout(w, 50); });
      }
    },
    close: () => controller.abort(),
  };
}
