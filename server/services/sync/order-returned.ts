import type { OrderReturnedPayload } from '../../../shared/protocol';
import type { CustomerRepo } from '../../repositories/customer-repo';
import type { HandoverRepo } from '../../repositories/handover-repo';
import type { RefundRepo } from '../../repositories/refund-repo';
import type { Applier } from './applier';
import { createTakeBack } from './take-back';

/**
 * order.returned: a supervisor takes back goods of a pickup order the branch handed over
 * (a kiosk's handover or the desk's), at the order's prices; the money goes back the way
 * the order was paid (cash from the drawer, to the card, or online by the shop), which the
 * server reads from the order, never from the payload. An order never handed over has
 * nothing to return (`not-picked-up`); a product not in it is `not-in-order`. A pickup
 * order names no serial numbers, so a serial-numbered product comes back with the serial
 * read off the unit, each serial once. Everything else is the take-back's (take-back.ts),
 * the rules sale.refunded follows, on the same record (refunds naming the order).
 */
export function createOrderReturned(deps: { handovers: Pick<HandoverRepo, 'lockForReturn'>; refunds: Pick<RefundRepo, 'context' | 'insert'>; customers: Pick<CustomerRepo, 'appendLedger'> }): Applier<OrderReturnedPayload> {
  return createTakeBack(deps, {
    keyOf: (p: OrderReturnedPayload) => p.orderCode,
    idOf: (p) => p.returnId,
    rowOf: (p) => ({ saleId: null, orderCode: p.orderCode }),
    lock: (q, codes) => deps.handovers.lockForReturn(q, codes),
    unknown: 'unknown-order',
    notIn: 'not-in-order',
    stateReason: (order) => (order.status === 'picked_up' ? null : 'not-picked-up'),
  });
}
