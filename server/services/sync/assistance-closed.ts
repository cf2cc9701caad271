import type { AssistanceCancelledPayload, AssistanceResolvedPayload, RejectReason } from '../../../shared/protocol';
import type { Queryable } from '../../db/db';
import type { AssistanceRepo, AssistanceRow } from '../../repositories/assistance-repo';
import type { DeviceRow } from '../../repositories/device-repo';
import type { EventRepo, EventToAppend } from '../../repositories/event-repo';
import type { Applier, NewTransaction } from './applier';

type Deps = { assistance: Pick<AssistanceRepo, 'lockRequests' | 'markClosed'>; events: Pick<EventRepo, 'append'> };
type Closing = 'resolved' | 'cancelled';

/**
 * Closes calls for help: staff mark one done («Решено», `assistance.resolved`), or the
 * visit that made it ends (`assistance.cancelled`, only by the kiosk that called). Every
 * tablet hears `assistance.closed` and drops it from its queue. A call closes once:
 * resolving a closed call is rejected (`request-closed`, the staff member is told), while
 * a visit ending after its call was already resolved is simply done (no error for a
 * customer who walked away just as staff marked it).
 */
async function close<P extends { requestId: string }>(deps: Deps, q: Queryable, device: DeviceRow, txs: NewTransaction<P>[], how: Closing): Promise<Map<string, RejectReason>> {
  const requests = new Map((await deps.assistance.lockRequests(q, [...new Set(txs.map((t) => t.payload.requestId))].sort())).map((r) => [r.id, r]));
  const rejected = new Map<string, RejectReason>();
  const closed: { id: string; status: Closing; kioskId: string }[] = [];
  for (const tx of txs) {
    const request = requests.get(tx.payload.requestId);
    const reason = rejectReason(request, device, how);
    if (reason === 'request-closed' && how === 'cancelled') continue;
    if (reason || !request) {
      rejected.set(tx.id, reason ?? 'unknown-request');
      continue;
    }
    request.status = how;
    closed.push({ id: request.id, status: how, kioskId: request.deviceId });
  }
  await deps.assistance.markClosed(q, closed);
  await deps.events.append(q, device.branchId, closed.flatMap((c) => closedEvents(c.id, how, device.code, c.kioskId)));
  return rejected;
}

/**
 * Every tablet drops a closed call; the kiosk that called hears that staff resolved it
 * (`how`: resolved, or handed-over when the desk handed the call's order over), so it
 * leaves «К вам идёт …» and, handed over, the order. A kiosk's own cancel needs no echo.
 */
export function closedEvents(requestId: string, how: Closing | 'handed-over', byDevice: string, kioskId: string, orderCode?: string): EventToAppend[] {
  return [
    { audience: 'staff', name: 'assistance.closed', data: { requestId, how, byDevice } },
    ...(how === 'cancelled' ? [] : [{ audience: 'device' as const, deviceId: kioskId, name: 'assistance.closed', data: { requestId, how, ...(orderCode ? { orderCode } : {}) } }]),
  ];
}

function rejectReason(request: AssistanceRow | undefined, device: DeviceRow, how: Closing): RejectReason | null {
  // A kiosk cancels only its own visit's call; to it, another kiosk's is unknown.
  if (!request || (how === 'cancelled' && request.deviceId !== device.id)) return 'unknown-request';
  if (request.branchId !== device.branchId) return 'other-branch';
  if (request.status === 'resolved' || request.status === 'cancelled') return 'request-closed';
  return null;
}

export const createAssistanceResolved = (deps: Deps): Applier<AssistanceResolvedPayload> => ({ apply: (q, device, txs) => close(deps, q, device, txs, 'resolved') });
export const createAssistanceCancelled = (deps: Deps): Applier<AssistanceCancelledPayload> => ({ apply: (q, device, txs) => close(deps, q, device, txs, 'cancelled') });
