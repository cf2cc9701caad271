import type { OrderPaidPayload, RejectReason } from '../../../shared/protocol';
import type { DeviceRow } from '../../repositories/device-repo';
import type { OrderRepo, PaymentOrderState, PaymentToApply } from '../../repositories/order-repo';
import type { EventRepo } from '../../repositories/event-repo';
import type { PickupWaitRepo } from '../../repositories/pickup-wait-repo';
import type { Applier } from './applier';
import { orderStateReason } from './order-state';

/**
 * order.paid: staff took the payment for an unpaid pickup order. The order becomes paid
 * (kiosks learn it with their next pull) and the payment is kept with the staff session
 * that took it. An order is paid once: a second payment is rejected, not added.
 */
export function createOrderPaid(deps: {
  orders: Pick<OrderRepo, 'lockForPayment' | 'recordPayments'>;
  pickupWaits: Pick<PickupWaitRepo, 'waitingDevices'>;
  events: Pick<EventRepo, 'append'>;
}): Applier<OrderPaidPayload> {
  const { orders } = deps;
  return {
    async apply(q, device, txs) {
      const locked = await orders.lockForPayment(q, [...new Set(txs.map((t) => t.payload.orderCode))].sort());
      const byCode = new Map(locked.map((o) => [o.code, o]));
      const rejected = new Map<string, RejectReason>();
      const accepted: PaymentToApply[] = [];
      for (const tx of txs) {
        const order = byCode.get(tx.payload.orderCode);
        const reason = rejectReason(tx.payload, device, order);
        if (reason || !order) {
          rejected.set(tx.id, reason ?? 'unknown-order');
          continue;
        }
        order.paid = true; // a later payment in the same batch sees this one
        const p = tx.payload.payment;
        accepted.push({
          orderCode: order.code, txId: tx.id, occurredAt: tx.occurredAt, staffSessionId: tx.payload.staffSessionId,
          method: p.method, amountKopecks: p.amountKopecks, tenderedKopecks: p.tenderedKopecks ?? null,
          changeKopecks: p.changeKopecks ?? null, terminalRef: p.terminalRef ?? null,
        });
      }
      await orders.recordPayments(q, device.id, accepted);
      // A customer waiting at a kiosk for this order may go on to the handover now.
      const waiting = await deps.pickupWaits.waitingDevices(q, accepted.map((a) => a.orderCode));
      await deps.events.append(q, device.branchId, accepted.flatMap((a) => {
        const kiosk = waiting.get(a.orderCode);
        const toTablets = { audience: 'staff' as const, name: 'order.paid', data: { orderCode: a.orderCode, method: a.method } };
        return kiosk ? [{ audience: 'device' as const, deviceId: kiosk, name: 'order.paid', data: { orderCode: a.orderCode, method: a.method } }, toTablets] : [toTablets];
      }));
      return rejected;
    },
  };
}

function rejectReason(payload: OrderPaidPayload, device: DeviceRow, order: PaymentOrderState | undefined): RejectReason | null {
  const state = orderStateReason(order, device.branchId);
  if (state || !order) return state;
  if (order.paid) return 'already-paid';
  if (payload.payment.amountKopecks !== order.totalKopecks) return 'amount-mismatch';
  return null;
}
