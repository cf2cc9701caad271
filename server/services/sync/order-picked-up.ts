import type { OrderPickedUpPayload, RejectReason } from '../../../shared/protocol';
import { parseReceiptNumber } from '../../../shared/domain/receipt-number';
import type { DeviceRow } from '../../repositories/device-repo';
import type { Applier } from './applier';

type OrderState = { code: string; branchId: string; status: string; totalKopecks: number };

/** order.pickedUp: the customer took the goods; the order leaves the shelf for good. */
export const orderPickedUp: Applier<OrderPickedUpPayload> = {
  async decide(q, device, txs) {
    const codes = [...new Set(txs.map((t) => t.payload.orderCode))].sort();
    const numbers = txs.map((t) => t.payload.receiptNumber);
    // ORDER BY before FOR UPDATE: every batch locks orders in the same order, so two
    // kiosks' batches cannot deadlock on each other.
    const orders = await q.query<OrderState>(
      `SELECT code, branch_id AS "branchId", status, total_kopecks AS "totalKopecks"
       FROM pickup_orders WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE`,
      [codes],
    );
    const used = await q.query<{ number: string }>('SELECT number FROM receipts WHERE number = ANY($1::text[])', [numbers]);
    const state = new Map(orders.rows.map((o) => [o.code, o.status]));
    const branchOf = new Map(orders.rows.map((o) => [o.code, o.branchId]));
    const usedNumbers = new Set(used.rows.map((r) => r.number));
    const rejected = new Map<string, RejectReason>();
    for (const tx of txs) {
      const reason = rejectReason(tx.payload, device, state.get(tx.payload.orderCode), branchOf.get(tx.payload.orderCode), usedNumbers);
      if (reason) {
        rejected.set(tx.id, reason);
        continue;
      }
      // Later transactions in the same batch see this one's effect.
      state.set(tx.payload.orderCode, 'picked_up');
      usedNumbers.add(tx.payload.receiptNumber);
    }
    return rejected;
  },

  async apply(q, device, txs) {
    if (txs.length === 0) return;
    await q.query(
      `UPDATE pickup_orders o
       SET status = 'picked_up', picked_up_at = v.at, picked_up_device = $4, picked_up_tx = v.id
       FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) AS v(code, id, at)
       WHERE o.code = v.code`,
      [txs.map((t) => t.payload.orderCode), txs.map((t) => t.id), txs.map((t) => t.occurredAt), device.id],
    );
    await q.query(
      `INSERT INTO receipts (number, device_id, branch_id, transaction_id, order_code, total_kopecks, issued_at)
       SELECT v.number, $5, $6, v.id, v.code, o.total_kopecks, v.at
       FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[]) AS v(number, id, code, at)
       JOIN pickup_orders o ON o.code = v.code`,
      [
        txs.map((t) => t.payload.receiptNumber),
        txs.map((t) => t.id),
        txs.map((t) => t.payload.orderCode),
        txs.map((t) => t.occurredAt),
        device.id,
        device.branchId,
      ],
    );
  },
};

function rejectReason(
  payload: OrderPickedUpPayload,
  device: DeviceRow,
  status: string | undefined,
  branchId: string | undefined,
  usedNumbers: Set<string>,
): RejectReason | null {
  if (status === undefined) return 'unknown-order';
  if (branchId !== device.branchId) return 'other-branch';
  if (status === 'picked_up') return 'already-picked-up';
  if (status === 'cancelled') return 'order-cancelled';
  if (parseReceiptNumber(payload.receiptNumber)?.deviceCode !== device.code) return 'receipt-number-foreign';
  if (usedNumbers.has(payload.receiptNumber)) return 'receipt-number-reused';
  return null;
}
