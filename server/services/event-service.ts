import type { Db } from '../db/db';
import type { BranchEvent, EventTicket } from '../../shared/protocol/live-events';
import { UnauthorizedError } from '../errors';
import type { DeviceRepo, DeviceRow } from '../repositories/device-repo';
import type { EventRepo, Reader } from '../repositories/event-repo';
import type { StaffRepo, StaffSessionRow } from '../repositories/staff-repo';
import { hashToken, newToken } from './tokens';

const TICKET_SECONDS = 60;
export const EVENT_PAGE = 200;

export type EventDeps = {
  db: Db;
  events: Pick<EventRepo, 'since' | 'insertTicket' | 'takeTicket' | 'lastBeforeToday' | 'lastId'>;
  devices: Pick<DeviceRepo, 'findById'>;
  staff: Pick<StaffRepo, 'findSessions'>;
  now?: () => Date;
};

/**
 * Who hears what: a tablet with a signed-in staff member hears its branch's staff events;
 * a kiosk hears only events addressed to it. A device token never goes in a URL: a
 * device trades it (a tablet with its staff session) for a one-use ticket first.
 */
export function createEventService({ db, events, devices, staff, now = () => new Date() }: EventDeps) {
  const readerOf = (device: DeviceRow, session: StaffSessionRow | null): Reader => ({
    branchId: device.branchId, deviceId: device.id, staff: session !== null, ...(session ? { sessionId: session.id, until: session.expiresAt } : {}),
  });
  const open = (s: StaffSessionRow | undefined) => s && !s.endedAt && s.expiresAt > now();

  return {
    readerOf,

    async issueTicket(device: DeviceRow, session: StaffSessionRow | null): Promise<EventTicket> {
      const ticket = newToken('okt');
      const expiresAt = new Date(now().getTime() + TICKET_SECONDS * 1000);
      await events.insertTicket(db, { ticketHash: hashToken(ticket), deviceId: device.id, staffSessionId: session?.id ?? null, expiresAt });
      const [todayFrom, newest] = await Promise.all([events.lastBeforeToday(db, device.branchId), events.lastId(db, device.branchId)]);
      return { ticket, expiresAt: expiresAt.toISOString(), todayFrom, newest };
    },

    /** The reader a ticket opens a stream for; the ticket is spent, and must be fresh. */
    async redeem(ticket: string): Promise<Reader> {
      const taken = await events.takeTicket(db, hashToken(ticket));
      const device = taken ? await devices.findById(db, taken.deviceId) : null;
      if (!taken || !device) throw new UnauthorizedError('this event ticket is unknown, used or expired: ask for a new one');
      if (taken.staffSessionId === null) return readerOf(device, null);
      const [session] = await staff.findSessions(db, [taken.staffSessionId]);
      if (!open(session)) throw new UnauthorizedError('the staff session of this ticket has ended: sign in again');
      return readerOf(device, session!);
    },

    /**
     * Where a device's stream or poll starts: after the id it last saw, unless that lies
     * beyond the branch's newest event. Then the server was restored to an earlier point and
     * gives out those ids again; starting at its newest, the device misses none of them.
     * With the newest id itself: where a stream stands as it opens (event-stream.ts).
     */
    async startAfter(reader: Reader, after: number): Promise<{ after: number; newest: number }> {
      const newest = await events.lastId(db, reader.branchId);
      return { after: Math.min(after, newest), newest };
    },

    read(reader: Reader, after: number, limit = EVENT_PAGE): Promise<BranchEvent[]> {
      return events.since(db, reader, after, limit);
    },
  };
}
export type EventService = ReturnType<typeof createEventService>;
