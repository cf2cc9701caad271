import type { RejectReason } from '../../../shared/protocol';

/**
 * Whether an order can still be acted on by this branch's device: it exists, is the
 * branch's own, and is neither handed over nor cancelled. Every kind about a pickup
 * order checks this first, then its own rules.
 */
export function orderStateReason(order: { branchId: string; status: string } | undefined, branchId: string): RejectReason | null {
  if (!order) return 'unknown-order';
  if (order.branchId !== branchId) return 'other-branch';
  if (order.status === 'picked_up') return 'already-picked-up';
  if (order.status === 'cancelled') return 'order-cancelled';
  return null;
}
