import type { AssistanceAcceptedPayload, RejectReason } from '../../../shared/protocol';
import type { AssistanceRepo, AssistanceRow } from '../../repositories/assistance-repo';
import type { EventRepo, EventToAppend } from '../../repositories/event-repo';
import type { StaffRepo } from '../../repositories/staff-repo';
import type { Applier } from './applier';

/** «Ольга» of «Ольга Сергеевна Иванова»: the kiosk's speaker is public, so the first name only. */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/**
 * assistance.accepted: a staff member took a call for help. The first to accept wins; a
 * second is rejected (`already-accepted`) and told. The kiosk that asked hears who is
 * coming, the branch's tablets that it is taken, both in the same database transaction.
 */
export function createAssistanceAccepted(deps: { assistance: Pick<AssistanceRepo, 'lockRequests' | 'markAccepted'>; staff: Pick<StaffRepo, 'sessionNames'>; events: Pick<EventRepo, 'append'> }): Applier<AssistanceAcceptedPayload> {
  return {
    async apply(q, device, txs) {
      const requests = new Map((await deps.assistance.lockRequests(q, [...new Set(txs.map((t) => t.payload.requestId))].sort())).map((r) => [r.id, r]));
      const names = await deps.staff.sessionNames(q, [...new Set(txs.map((t) => t.payload.staffSessionId))]);
      const rejected = new Map<string, RejectReason>();
      const accepted: { id: string; sessionId: string; at: string }[] = [];
      const events: EventToAppend[] = [];
      for (const tx of txs) {
        const request = requests.get(tx.payload.requestId);
        const reason = rejectReason(request, device.branchId);
        if (reason || !request) {
          rejected.set(tx.id, reason ?? 'unknown-request');
          continue;
        }
        request.status = 'accepted';
        const name = names.get(tx.payload.staffSessionId) ?? '';
        accepted.push({ id: request.id, sessionId: tx.payload.staffSessionId, at: tx.occurredAt });
        events.push(
          { audience: 'device', deviceId: request.deviceId, name: 'assistance.accepted', data: { requestId: request.id, staffFirstName: firstName(name) } },
          { audience: 'staff', name: 'assistance.accepted', data: { requestId: request.id, by: name, byDevice: device.code } },
        );
      }
      await deps.assistance.markAccepted(q, accepted);
      await deps.events.append(q, device.branchId, events);
      return rejected;
    },
  };
}

function rejectReason(request: AssistanceRow | undefined, branchId: string): RejectReason | null {
  if (!request) return 'unknown-request';
  if (request.branchId !== branchId) return 'other-branch';
  if (request.status === 'accepted') return 'already-accepted';
  if (request.status !== 'open') return 'request-closed';
  return null;
}
