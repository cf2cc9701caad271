import { z } from 'zod';
import { IsoDateTime } from './common';

/** The one channel every server process listens on (PostgreSQL LISTEN/NOTIFY); the payload is the branch id. */
export const EVENTS_CHANNEL = 'okno_events';

/** POST /api/v1/events/ticket: a one-use ticket for opening the event stream. */
export const EventTicket = z.object({
  ticket: z.string().describe('one use, for GET /api/v1/events?ticket=…'),
  expiresAt: IsoDateTime,
  todayFrom: z.number().int().min(0).describe('the last event id from before the branch’s day began: a device starting fresh asks for ?since= this, and replays today only'),
  newest: z.number().int().min(0).optional().describe('added for restores: the branch’s newest event id. A device that saw a higher one was served by this server before it was restored to an earlier point: it starts from this one, as the ids are given out again'),
});
export type EventTicket = z.infer<typeof EventTicket>;

/** One event as it travels: its id grows per branch, so `since` and Last-Event-ID replay it. */
export const BranchEvent = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: IsoDateTime,
});
export type BranchEvent = z.infer<typeof BranchEvent>;

export const EventsQuery = z.object({
  ticket: z.string().min(10).max(200),
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('after a reload: the last event id the device had; Last-Event-ID wins when both are sent'),
});

/** GET /api/v1/events/poll: the same events as JSON, where a stream cannot stay open. */
export const EventsPollQuery = z.object({ since: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(200) });
export const EventsPage = z.object({ events: z.array(BranchEvent), lastId: z.number().int().min(0) });
export type EventsPage = z.infer<typeof EventsPage>;

/** How often the stream says it is alive (an SSE comment), so dead sockets are found and proxies keep it open. */
export const HEARTBEAT_MS = 15_000;

/** GET /api/v1/staff/listening: who can hear a kiosk's call now. */
export const StaffListening = z.object({
  listening: z.number().int().min(0).describe('signed-in staff of the branch whose tablet held its event stream or polled in the last 45 s (a locked tablet counts: it shows and rings the calls)'),
});
export type StaffListening = z.infer<typeof StaffListening>;
