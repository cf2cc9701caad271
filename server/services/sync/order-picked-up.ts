import { receiptNumberReason } from './receipt-number-check';
import type { OrderPickedUpPayload, RejectReason } from '../../../shared/protocol';
import type { DeviceRow } from '../../repositories/device-repo';
import type { EventRepo, EventToAppend } from '../../repositories/event-repo';
import type { LockedPickup, OrderRepo, PickupToApply } from '../../repositories/order-repo';
import type { PickupWaitRepo } from '../../repositories/pickup-wait-repo';
import type { CustomerRepo } from '../../repositories/customer-repo';
import type { Applier } from './applier';
import type { AssistanceRepo } from '../../repositories/assistance-repo';
import { closedEvents } from './assistance-closed';
import { pickupLedgerLines } from './ledger-lines';
import { orderStateReason } from './order-state';
import { pickupClosed } from './pickup-counter';

type Deps = {
  orders: Pick<OrderRepo, 'lockForPickup' | 'markPickedUp'>; pickupWaits: Pick<PickupWaitRepo, 'end'>; events: Pick<EventRepo, 'append'>;
  customers: Pick<CustomerRepo, 'appendLedger'>; assistance: Pick<AssistanceRepo, 'lockOpenForOrders' | 'markClosed'>;
};

/**
 * order.pickedUp: the customer took the goods; the order leaves the shelf for good. If a
 * customer waited for it at a kiosk (the pickup counter), the wait ends: the tablets drop
 * it, and a kiosk other than the one that handed it over (staff did, on a tablet) hears
 * that the order is done, so it does not go on waiting. A call for help about the order
 * (staff took the customer to the desk) is answered with it. A card holder's order (the
 * shop said whose) adds the purchase and its payment to their book, in the same transaction.
 */
export function createOrderPickedUp(deps: Deps): Applier<OrderPickedUpPayload> {
  const { orders } = deps;
  return {
    async apply(q, device, txs) {
      const codes = [...new Set(txs.map((t) => t.payload.orderCode))].sort();
      const locked = await orders.lockForPickup(q, codes, txs.map((t) => t.payload.receiptNumber), device.id);
      const byCode = new Map(locked.orders.map((o) => [o.code, o]));
      const usedNumbers = locked.usedNumbers;
      const rejected = new Map<string, RejectReason>();
      const accepted: PickupToApply[] = [];
      for (const tx of txs) {
        const order = byCode.get(tx.payload.orderCode);
        const reason = rejectReason(tx.payload, device, order, usedNumbers);
        if (reason || !order) {
          rejected.set(tx.id, reason ?? 'unknown-order');
          continue;
        }
        // Later transactions in the same batch see this one's effect.
        order.status = 'picked_up';
        usedNumbers.add(tx.payload.receiptNumber);
        accepted.push({ orderCode: order.code, txId: tx.id, occurredAt: tx.occurredAt, receiptNumber: tx.payload.receiptNumber, totalKopecks: order.totalKopecks });
      }
      await orders.markPickedUp(q, device, accepted);
      await deps.customers.appendLedger(q, device.branchId, accepted.flatMap((a) => {
        const order = byCode.get(a.orderCode)!;
        return order.customerCard
          ? pickupLedgerLines({ cardNumber: order.customerCard, occurredAt: a.occurredAt, orderCode: a.orderCode, totalKopecks: a.totalKopecks, method: order.deskMethod })
          : [];
      }));
      const ended = await deps.pickupWaits.end(q, accepted.map((a) => a.orderCode));
      const events: EventToAppend[] = ended.flatMap((w) => [
        pickupClosed(w.orderCode, 'picked-up', w.deviceCode),
        ...(w.deviceId === device.id ? [] : [{ audience: 'device' as const, deviceId: w.deviceId, name: 'pickup.closed', data: { orderCode: w.orderCode, how: 'picked-up' } }]),
      ]);
      // A call for help about an order staff handed over at the desk is answered: it leaves
      // the tablets' queue, and the kiosk that called leaves the order.
      const calls = device.role === 'tablet' ? await deps.assistance.lockOpenForOrders(q, device.branchId, accepted.map((a) => a.orderCode)) : [];
      await deps.assistance.markClosed(q, calls.map((c) => ({ id: c.id, status: 'resolved' as const })));
      events.push(...calls.flatMap((c) => closedEvents(c.id, 'handed-over', device.code, c.deviceId, c.orderCode)));
      await deps.events.append(q, device.branchId, events);
      return rejected;
    },
  };
}

function rejectReason(
  payload: OrderPickedUpPayload,
  device: DeviceRow,
  order: LockedPickup | undefined,
  usedNumbers: Set<string>,
): RejectReason | null {
  const state = orderStateReason(order, device.branchId);
  if (state || !order) return state;
  // Goods leave only paid for: online, or at the desk (order.paid, which a tablet sends
  // before its handover; in one batch it applies first, in seq order).
  if (!order.paid) return 'not-paid';
  // A tablet hands over only as a signed-in staff member who checked an ID.
  if (device.role === 'tablet' && payload.staffSessionId === undefined) return 'staff-session-invalid';
  // A kiosk hands over only goods a staff member brought to it (pickup.brought for this
  // visit's wait), or with a staff member there who checked an ID: never on the customer's
  // word alone, which is all a kiosk cut off from the tablets would have.
  if (device.role === 'kiosk' && payload.verifiedBy !== 'staff' && !order.broughtHere) return 'not-brought';
  return receiptNumberReason(payload.receiptNumber, device.code, usedNumbers);
}
