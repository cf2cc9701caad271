import type { OrderPickedUpPayload, RejectReason } from '../../../shared/protocol';
import { parseReceiptNumber } from '../../../shared/domain/receipt-number';
import type { Queryable } from '../../db/db';
import type { DeviceRow } from '../../repositories/device-repo';
import type { Applier, NewTransaction } from './applier';

type OrderState = { code: string; branchId: string; status: string; totalKopecks: number };

/** order.pickedUp: the customer took the goods; the order leaves the shelf for good. */
export const orderPickedUp: Applier<OrderPickedUpPayload> = {
  async apply(q, device, txs) {
    const codes = [...new Set(txs.map((t) => t.payload.orderCode))].sort();
    // ORDER BY before FOR UPDATE: every batch locks orders in the same order, so two
    // kiosks' batches cannot deadlock on each other.
    // The receipt numbers already used come back with the orders, in one round trip. When
    // no order matched there is no row to carry them, and every transaction is rejected
    // as unknown-order before its receipt number matters.
    const orders = await q.query<OrderState & { used: string[] }>(
      `SELECT code, branch_id AS "branchId", status, total_kopecks AS "totalKopecks",
              (SELECT coalesce(array_agg(number), '{}') FROM receipts WHERE number = ANY($2::text[])) AS used
       FROM pickup_orders WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE`,
      [codes, txs.map((t) => t.payload.receiptNumber)],
    );
    const byCode = new Map(orders.rows.map((o) => [o.code, o]));
    const usedNumbers = new Set(orders.rows[0]?.used);
    const rejected = new Map<string, RejectReason>();
    const accepted: { tx: NewTransaction<OrderPickedUpPayload>; order: OrderState }[] = [];
    for (const tx of txs) {
      const order = byCode.get(tx.payload.orderCode);
      const reason = rejectReason(tx.payload, device, order, usedNumbers);
      if (reason) {
        rejected.set(tx.id, reason);
        continue;
      }
      // Later transactions in the same batch see this one's effect.
      order!.status = 'picked_up';
      usedNumbers.add(tx.payload.receiptNumber);
      accepted.push({ tx, order: order! });
    }
    await pickUp(q, device, accepted);
    return rejected;
  },
};

async function pickUp(q: Queryable, device: DeviceRow, accepted: { tx: NewTransaction<OrderPickedUpPayload>; order: OrderState }[]) {
  if (accepted.length === 0) return;
  // One statement for the orders and their receipts; the totals are the ones locked above.
  // It stamps change_xid (what pulls page by) itself, so the row trigger is skipped (002_push_path.sql).
  await q.query(
    `WITH v AS (
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::text[], $5::bigint[]) AS v(code, id, at, number, total)
     ), picked AS (
       UPDATE pickup_orders o
       SET status = 'picked_up', picked_up_at = v.at, picked_up_device = $6, picked_up_tx = v.id,
           change_xid = pg_current_xact_id(), updated_at = now()
       FROM v WHERE o.code = v.code
     )
     INSERT INTO receipts (number, device_id, branch_id, transaction_id, order_code, total_kopecks, issued_at)
     SELECT v.number, $6, $7, v.id, v.code, v.total, v.at FROM v`,
    [
      accepted.map((a) => a.tx.payload.orderCode),
      accepted.map((a) => a.tx.id),
      accepted.map((a) => a.tx.occurredAt),
      accepted.map((a) => a.tx.payload.receiptNumber),
      accepted.map((a) => a.order.totalKopecks),
      device.id,
      device.branchId,
    ],
  );
}

function rejectReason(
  payload: OrderPickedUpPayload,
  device: DeviceRow,
  order: OrderState | undefined,
  usedNumbers: Set<string>,
): RejectReason | null {
  if (!order) return 'unknown-order';
  if (order.branchId !== device.branchId) return 'other-branch';
  if (order.status === 'picked_up') return 'already-picked-up';
  if (order.status === 'cancelled') return 'order-cancelled';
  if (parseReceiptNumber(payload.receiptNumber)?.deviceCode !== device.code) return 'receipt-number-foreign';
  if (usedNumbers.has(payload.receiptNumber)) return 'receipt-number-reused';
  return null;
}
