import { staffRolesOf, staffSessionOf, type RejectReason } from '../../../shared/protocol';
import type { Queryable } from '../../db/db';
import type { DeviceRow } from '../../repositories/device-repo';
import type { StaffRepo, StaffSessionRow } from '../../repositories/staff-repo';
import type { Candidate } from './classify';

/**
 * A tablet's clock may be a little off the server's: a transaction stamped this much
 * before its session opened, or after it ended, still counts as within it. The tablet
 * stamps staff transactions with the server's time as it learned it at sign-in.
 */
export const SESSION_CLOCK_TOLERANCE_MS = 10 * 60_000;

/**
 * Staff-authored transactions (their kind's descriptor says `staff`) are accepted only
 * when the staff session they name was opened on the pushing device, was open when the
 * transaction happened, and its role may author the kind. Returns the candidates with
 * those that fail turned invalid, so they are rejected alone like a bad payload.
 */
export async function checkStaffSessions(staff: Pick<StaffRepo, 'findSessions'>, q: Queryable, device: DeviceRow, candidates: Candidate[]): Promise<Candidate[]> {
  const ids = [...new Set(candidates.flatMap((c) => (c.typed ? [staffSessionOf(c.typed)] : [])).filter((id): id is string => id !== null))];
  if (ids.length === 0) return candidates;
  const sessions = new Map((await staff.findSessions(q, ids)).map((s) => [s.id, s]));
  return candidates.map((c) => {
    if (!c.typed) return c;
    const id = staffSessionOf(c.typed);
    if (id === null) return c;
    const refusal = refuse(sessions.get(id), device, Date.parse(c.envelope.occurredAt), staffRolesOf(c.typed.kind) ?? []);
    return refusal ? { index: c.index, envelope: c.envelope, stored: c.stored, invalid: refusal } : c;
  });
}

function refuse(session: StaffSessionRow | undefined, device: DeviceRow, at: number, roles: readonly string[]): { reason: RejectReason; detail: string } | null {
  if (!session) return { reason: 'staff-session-invalid', detail: 'no such staff session' };
  if (session.deviceId !== device.id) return { reason: 'staff-session-invalid', detail: 'the staff session belongs to another device' };
  const end = Math.min(session.expiresAt.getTime(), session.endedAt?.getTime() ?? Infinity);
  if (at < session.createdAt.getTime() - SESSION_CLOCK_TOLERANCE_MS || at > end + SESSION_CLOCK_TOLERANCE_MS) {
    return { reason: 'staff-session-invalid', detail: 'the staff session was not open at occurredAt' };
  }
  if (!roles.includes(session.role)) return { reason: 'role-forbidden', detail: `an ${session.role} may not do this` };
  return null;
}
