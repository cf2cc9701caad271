import type { AssistanceRequestedPayload, RejectReason } from '../../../shared/protocol';
import type { AssistanceRepo } from '../../repositories/assistance-repo';
import type { EventRepo } from '../../repositories/event-repo';
import type { Applier } from './applier';

/**
 * assistance.requested: a customer asked for help at a kiosk. The request is kept, and
 * every tablet of the branch hears of it at once (an event, in the same database
 * transaction: it exists exactly when the request does), with what the customer had
 * already done, so nobody asks them to start again.
 */
export function createAssistanceRequested(deps: { assistance: Pick<AssistanceRepo, 'insertNew'>; events: Pick<EventRepo, 'append'> }): Applier<AssistanceRequestedPayload> {
  return {
    async apply(q, device, txs) {
      const existing = await deps.assistance.insertNew(q, txs.map((t) => ({
        id: t.payload.requestId, branchId: device.branchId, deviceId: device.id, screen: t.payload.screen, context: t.payload.context, requestedAt: t.occurredAt,
      })));
      const rejected = new Map<string, RejectReason>();
      const seen = new Set<string>();
      const made = txs.filter((t) => {
        const again = existing.has(t.payload.requestId) || seen.has(t.payload.requestId);
        seen.add(t.payload.requestId);
        if (again) rejected.set(t.id, 'request-exists');
        return !again;
      });
      await deps.events.append(q, device.branchId, made.map((t) => ({
        audience: 'staff' as const,
        name: 'assistance.requested',
        data: { requestId: t.payload.requestId, kiosk: device.code, place: device.place, screen: t.payload.screen, context: t.payload.context, requestedAt: t.occurredAt },
      })));
      return rejected;
    },
  };
}
