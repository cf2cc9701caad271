import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BranchEvent, EventsPage, EventsPollQuery, EventsQuery, EventTicket, StaffListening } from '../../shared/protocol/live-events';
import { STAFF_SESSION_HEADER } from '../../shared/protocol/staff';
import { UnauthorizedError } from '../errors';
import { serveEventStream } from '../events/event-stream';
import { TURN_WAIT_MS, waitingUntil } from '../db/gate';
import type { EventHub } from '../events/event-hub';
import type { RouteRegistry } from '../http/route-registry';
import type { DeviceRow } from '../repositories/device-repo';
import type { EventService } from '../services/event-service';
import type { StaffSessionService } from '../services/staff-session-service';

/** A tablet hears staff events only with a signed-in staff member (a locked tablet too: it shows how many wait); a kiosk needs none. */
async function sessionFor(request: FastifyRequest, device: DeviceRow, sessions: Pick<StaffSessionService, 'authenticate'>) {
  if (device.role !== 'tablet') return null;
  const token = request.headers[STAFF_SESSION_HEADER];
  if (typeof token !== 'string') throw new UnauthorizedError(`a tablet's events need a signed-in staff member (${STAFF_SESSION_HEADER})`);
  return sessions.authenticate(device, token, { whileLocked: true });
}

/** Live events: a one-use ticket, the stream it opens, and the same events by polling. */
export function eventRoutes(routes: RouteRegistry, deps: { events: EventService; sessions: Pick<StaffSessionService, 'authenticate' | 'heard' | 'listening'>; hub: EventHub; log: (line: string) => void }): void {
  // A tablet that holds its stream, or polls, can hear the kiosks: its session is marked
  // heard. A database that is away only makes it look unheard for a while.
  const heard = async (sessionId: string | undefined): Promise<void> => {
    if (sessionId) await deps.sessions.heard(sessionId).catch(() => undefined);
  };
  routes.add({
    method: 'POST',
    url: '/api/v1/events/ticket',
    summary: 'A one-use ticket (60 s) for the event stream: EventSource cannot send the device token',
    tag: 'events',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    response: EventTicket,
    status: 201,
    handler: async ({ device, request }) => deps.events.issueTicket(device, await sessionFor(request, device, deps.sessions)),
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/events',
    summary: 'The event stream (text/event-stream): Last-Event-ID or ?since= replays what was missed; a comment every 15 s',
    tag: 'events',
    auth: 'none',
    query: EventsQuery,
    response: z.array(BranchEvent).describe('as SSE frames: id, event (the name), data (JSON)'),
    stream: true,
    handler: async ({ query, request, reply }) => {
      // Two reads before it streams, within one wait for turns (gate.ts), under the device's 20 s.
      const { reader, after, openedAt } = await waitingUntil(Date.now() + TURN_WAIT_MS, async () => {
        const reader = await deps.events.redeem(query.ticket);
        const lastEventId = Number(request.headers['last-event-id']);
        // A Last-Event-ID that is no event id (1e20, garbage) is ignored: `since` or the start.
        const asked = Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : (query.since ?? 0);
        const { after, newest: openedAt } = await deps.events.startAfter(reader, asked);
        return { reader, after, openedAt };
      });
      serveEventStream({ request, reply, hub: deps.hub, reader, after, openedAt, onHeard: () => void heard(reader.sessionId) });
      return [];
    },
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/staff/listening',
    summary: 'How many signed-in staff can hear a call now (their tablet holds its event stream or polls): with none, the kiosk sends the customer to the desk',
    tag: 'events',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    response: StaffListening,
    handler: async ({ device }) => ({ listening: await deps.sessions.listening(device.branchId) }),
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/events/poll',
    summary: 'The same events as JSON, for a device whose stream cannot stay open',
    tag: 'events',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    query: EventsPollQuery,
    response: EventsPage,
    handler: async ({ device, request, query }) => {
      const reader = deps.events.readerOf(device, await sessionFor(request, device, deps.sessions));
      // Marked before the answer, so a kiosk asking next already counts this tablet.
      await heard(reader.sessionId);
      const { after: since } = await deps.events.startAfter(reader, query.since);
      const events = await deps.events.read(reader, since, query.limit);
      return { events, lastId: events.at(-1)?.id ?? since };
    },
  });
}
