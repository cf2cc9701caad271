import type { RejectReason, StaffSignedOutPayload } from '../../../shared/protocol';
import type { AuditRepo } from '../../repositories/audit-repo';
import type { EventRepo } from '../../repositories/event-repo';
import type { StaffRepo } from '../../repositories/staff-repo';
import { SESSION_ENDED_EVENT } from '../../../shared/protocol/event-names';
import type { Applier } from './applier';

/**
 * staff.signedOut: the tablet ended a session on its side (signed out, the shift ran out,
 * the page was reloaded). Its seq becomes the session's
 * end: the push refuses the session's staff transactions after it (staff-check.ts). A
 * session still open on the server (the sign-out was made offline) ends now, is recorded
 * in the audit log as its reason, and its tablet's event stream closes. The session was
 * checked to be this device's before (staff-check.ts).
 */
export function createStaffSignedOut(deps: { staff: Pick<StaffRepo, 'endSessionsAtSeq'>; audit: Pick<AuditRepo, 'appendFromSessions'>; events: Pick<EventRepo, 'append'> }): Applier<StaffSignedOutPayload> {
  return {
    async apply(q, device, txs) {
      const first = new Map<string, (typeof txs)[number]>();
      for (const tx of txs) if (!first.has(tx.payload.staffSessionId)) first.set(tx.payload.staffSessionId, tx);
      const ended = new Set(await deps.staff.endSessionsAtSeq(q, device.id, [...first.values()].map((tx) => ({ id: tx.payload.staffSessionId, seq: tx.seq, at: tx.occurredAt }))));
      const now = [...first.values()].filter((tx) => ended.has(tx.payload.staffSessionId));
      await deps.audit.appendFromSessions(q, device, now.map((tx) => ({ sessionId: tx.payload.staffSessionId, occurredAt: tx.occurredAt, action: tx.payload.reason === 'signed-out' ? 'sign-out' : `session-${tx.payload.reason}`, subject: '' })));
      await deps.events.append(q, device.branchId, now.map((tx) => ({ audience: 'device' as const, deviceId: device.id, name: SESSION_ENDED_EVENT, data: { sessionId: tx.payload.staffSessionId } })));
      return new Map<string, RejectReason>();
    },
  };
}
