import type { FastifyReply, FastifyRequest } from 'fastify';
import { HEARTBEAT_MS, type BranchEvent } from '../../shared/protocol/live-events';
import type { Reader } from '../repositories/event-repo';
import { DEVICE_REVOKED_EVENT, SESSION_ENDED_EVENT } from '../../shared/protocol/event-names';
import type { EventHub } from './event-hub';
import { streamOpened } from '../http/admission';

/** Frames already made, by event: the hub hands one object to all of a branch's streams. */
const frames = new WeakMap<BranchEvent, string>();

/** One SSE frame: `id`, `event` and JSON `data`, as EventSource reads them; made once per event. */
export function sseFrame(event: BranchEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) frames.set(event, (frame = `id: ${event.id}\nevent: ${event.name}\ndata: ${JSON.stringify({ ...event.data, at: event.at })}\n\n`));
  return frame;
}

/**
 * Serves one device's event stream on a hijacked response: what it missed since `after`
 * first, then every new event as the hub hands it over (events/event-hub.ts reads them,
 * once per process), and a comment every 15 s. A closed or failing socket ends it and
 * unsubscribes (a dead socket is found by the heartbeat's write, at the latest).
 */
export function serveEventStream(options: {
  request: FastifyRequest;
  reply: FastifyReply;
  hub: EventHub;
  reader: Reader;
  after: number;
  /**
   * The branch's newest event id as the stream opened. A `device.revoked` up to it is of
   * a device this one replaced (it kept the id, and its token opened this stream): it is
   * not passed on, and ends nothing.
   */
  openedAt: number;
  /** Called as the stream opens and at each heartbeat: who holds a stream can hear the kiosks (failures are the callee's). */
  onHeard?: () => void;
}): void {
  const { request, reply, hub, reader } = options;
  let closed = false;
  let expiry: ReturnType<typeof setTimeout> | null = null;
  const res = reply.raw;
  reply.hijack();
  streamOpened(request);
  // The headers hooks set on the reply (CORS for an app on another origin) go out too:
  // a hijacked response writes only what it is given.
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string | string[]>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');

  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    if (expiry) clearTimeout(expiry);
    unsubscribe?.();
    if (!res.writableEnded) res.end();
  };
  const write = (text: string) => {
    if (closed || res.destroyed || res.writableEnded) return end();
    res.write(text);
  };
  const deliver = (events: BranchEvent[]) => {
    for (const e of events) {
      if (closed) return;
      if (e.name === DEVICE_REVOKED_EVENT && e.id <= options.openedAt) continue;
      write(sseFrame(e));
      // The staff member signed out (here or offline), or was signed out: the tablet
      // hears it, and the stream of their session ends with it.
      if (e.name === SESSION_ENDED_EVENT && reader.sessionId !== undefined && e.data['sessionId'] === reader.sessionId) return end();
      // The device was revoked: its stream ends (the event is the device's own).
      if (e.name === DEVICE_REVOKED_EVENT) return end();
    }
  };
  const heartbeat = setInterval(() => {
    write(': heartbeat\n\n');
    if (!closed) options.onHeard?.();
  }, HEARTBEAT_MS);
  // `end` may run before the hub answers (a socket closed at once): it finds nothing to undo yet.
  let unsubscribe: (() => void) | undefined = undefined;
  unsubscribe = hub.subscribe({ reader, last: options.after, openedAt: Math.max(options.after, options.openedAt), deliver, end });
  if (closed) unsubscribe();
  options.onHeard?.();
  // A shift that runs out ends its stream, whether or not anyone signs out.
  if (reader.until) expiry = setTimeout(() => end(), Math.min(Math.max(0, reader.until.getTime() - Date.now()), 2 ** 31 - 1));
  request.raw.on('close', end);
  res.on('close', end);
  res.on('error', end);
}
