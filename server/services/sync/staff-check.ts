import type { KeyObject } from 'node:crypto';
import { staffRolesFor, staffSessionOf, type RejectReason } from '../../../shared/protocol';
import { staffProofMessage } from '../../../shared/domain/staff-proof';
import type { Queryable } from '../../db/db';
import type { DeviceRow } from '../../repositories/device-repo';
import type { StaffRepo, StaffSessionRow } from '../../repositories/staff-repo';
import { parseSessionPublicKey, verifyStaffProof } from '../staff-key';
import type { Candidate } from './classify';

/**
 * How far a transaction's time may lie before its session opened or after it ran out
 * and still count as within it. Devices stamp the server's time as they learned it on
 * their last round (SERVER_TIME_HEADER), so this covers the round trip and a clock's
 * drift while offline, not a wrong clock.
 */
export const SESSION_CLOCK_TOLERANCE_MS = 10 * 60_000;

type Refusal = { reason: RejectReason; detail: string };

/**
 * Staff-authored transactions (their kind's descriptor says `staff`) are accepted only
 * with proof: the session they name was opened on the pushing device, the transaction
 * is signed with that session's own key (the tablet made it at sign-in and cannot hand
 * it out), it comes before the session's end in the device's own sequence (the tablet's
 * `staff.signedOut`, in this batch or an earlier one), its time lies within the
 * session's shift, and the session's role may author the kind. A session id alone grants
 * nothing. Sessions opened before keys existed (`legacy`) are judged the old way, by
 * time, until they run out, so an upgrade loses no queued work.
 *
 * Returns the candidates with those that fail turned invalid, so they are rejected
 * alone like a bad payload.
 */
export async function checkStaffSessions(staff: Pick<StaffRepo, 'findSessions'>, q: Queryable, device: DeviceRow, candidates: Candidate[]): Promise<Candidate[]> {
  const named = (c: Candidate): string | null => {
    if (!c.typed) return null;
    return c.typed.kind === 'staff.signedOut' ? c.typed.payload.staffSessionId : staffSessionOf(c.typed);
  };
  const ids = [...new Set(candidates.map(named).filter((id): id is string => id !== null))];
  if (ids.length === 0) return candidates;
  const sessions = new Map((await staff.findSessions(q, ids)).map((s) => [s.id, s]));
  // A sign-out earlier in this very batch ends the session for what follows it.
  const endsHere = new Map<string, number>();
  for (const c of candidates) {
    if (c.typed?.kind !== 'staff.signedOut') continue;
    const s = sessions.get(c.typed.payload.staffSessionId);
    if (s?.deviceId === device.id) endsHere.set(s.id, Math.min(endsHere.get(s.id) ?? Infinity, c.envelope.seq));
  }
  const keys = new Map<string, KeyObject | null>();
  const keyOf = (s: StaffSessionRow) => {
    if (!keys.has(s.id)) keys.set(s.id, s.publicKey ? safeKey(s.publicKey) : null);
    return keys.get(s.id)!;
  };

  return candidates.map((c) => {
    const id = named(c);
    if (id === null || !c.typed) return c;
    const session = sessions.get(id);
    let refusal: Refusal | null;
    if (c.typed.kind === 'staff.signedOut') {
      refusal = ownSession(session, device);
    } else {
      const endSeq = Math.min(session?.endedSeq ?? Infinity, session ? endsHere.get(session.id) ?? Infinity : Infinity);
      refusal = ownSession(session, device)
        ?? (session!.legacy ? legacyTime(session!, c) : proof(session!, keyOf(session!), c, endSeq))
        ?? role(session!, staffRolesFor(c.typed) ?? []);
    }
    return refusal ? { index: c.index, envelope: c.envelope, stored: c.stored, invalid: refusal } : c;
  });
}

function safeKey(publicKey: string): KeyObject | null {
  try {
    return parseSessionPublicKey(publicKey);
  } catch {
    return null;
  }
}

function ownSession(session: StaffSessionRow | undefined, device: DeviceRow): Refusal | null {
  if (!session) return { reason: 'staff-session-invalid', detail: 'no such staff session' };
  if (session.deviceId !== device.id) return { reason: 'staff-session-invalid', detail: 'the staff session belongs to another device' };
  return null;
}

function proof(session: StaffSessionRow, key: KeyObject | null, c: Candidate, endSeq: number): Refusal | null {
  const e = c.envelope;
  if (!key) return { reason: 'staff-session-invalid', detail: 'the staff session has no key to sign with: sign in again' };
  if (!e.signature || !verifyStaffProof(key, staffProofMessage(e), e.signature)) {
    return { reason: 'staff-session-invalid', detail: 'not signed with the staff session’s own key' };
  }
  if (e.seq > endSeq) return { reason: 'staff-session-invalid', detail: 'made after the staff session ended on the tablet (its sign-out comes earlier in the device’s sequence)' };
  // And by time, against the server's own record of the end (a sign-out it heard at once,
  // before the tablet's staff.signedOut arrived): devices stamp the server's time.
  const at = Date.parse(e.occurredAt);
  const end = Math.min(session.expiresAt.getTime(), session.endedAt?.getTime() ?? Infinity);
  if (at < session.createdAt.getTime() - SESSION_CLOCK_TOLERANCE_MS || at > end + SESSION_CLOCK_TOLERANCE_MS) {
    return { reason: 'staff-session-invalid', detail: 'the staff session was not open at occurredAt' };
  }
  return null;
}

/** A session from before keys: open at the transaction's time, by time alone. */
function legacyTime(session: StaffSessionRow, c: Candidate): Refusal | null {
  const at = Date.parse(c.envelope.occurredAt);
  const end = Math.min(session.expiresAt.getTime(), session.endedAt?.getTime() ?? Infinity);
  if (at < session.createdAt.getTime() - SESSION_CLOCK_TOLERANCE_MS || at > end + SESSION_CLOCK_TOLERANCE_MS) {
    return { reason: 'staff-session-invalid', detail: 'the staff session was not open at occurredAt' };
  }
  return null;
}

function role(session: StaffSessionRow, roles: readonly string[]): Refusal | null {
  return roles.includes(session.role) ? null : { reason: 'role-forbidden', detail: `an ${session.role} may not do this` };
}
