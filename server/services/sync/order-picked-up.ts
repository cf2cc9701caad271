import type { OrderPickedUpPayload, RejectReason } from '../../../shared/protocol';
import { parseReceiptNumber } from '../../../shared/domain/receipt-number';
import type { DeviceRow } from '../../repositories/device-repo';
import type { OrderRepo, PickupOrderState, PickupToApply } from '../../repositories/order-repo';
import type { Applier } from './applier';
import { orderStateReason } from './order-state';

/** order.pickedUp: the customer took the goods; the order leaves the shelf for good. */
export function createOrderPickedUp(orders: Pick<OrderRepo, 'lockForPickup' | 'markPickedUp'>): Applier<OrderPickedUpPayload> {
  return {
    async apply(q, device, txs) {
      const codes = [...new Set(txs.map((t) => t.payload.orderCode))].sort();
      const locked = await orders.lockForPickup(q, codes, txs.map((t) => t.payload.receiptNumber));
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
      return rejected;
    },
  };
}

function rejectReason(
  payload: OrderPickedUpPayload,
  device: DeviceRow,
  order: PickupOrderState | undefined,
  usedNumbers: Set<string>,
): RejectReason | null {
  const state = orderStateReason(order, device.branchId);
  if (state) return state;
  if (parseReceiptNumber(payload.receiptNumber)?.deviceCode !== device.code) return 'receipt-number-foreign';
  if (usedNumbers.has(payload.receiptNumber)) return 'receipt-number-reused';
  return null;
}
