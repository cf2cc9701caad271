import type { SaleRefundedPayload } from '../../../shared/protocol';
import type { CustomerRepo } from '../../repositories/customer-repo';
import type { RefundRepo } from '../../repositories/refund-repo';
import type { SaleRepo } from '../../repositories/sale-repo';
import type { Applier } from './applier';
import { createTakeBack } from './take-back';

/**
 * sale.refunded: a supervisor takes goods of a sale back and refunds them by the sale's
 * own payment method at the sale's prices; only the sale's products and sold serials
 * (`not-in-sale`). The rules are the take-back's (take-back.ts), shared with order.returned.
 */
export function createSaleRefunded(deps: { sales: Pick<SaleRepo, 'lockSales'>; refunds: Pick<RefundRepo, 'context' | 'insert'>; customers: Pick<CustomerRepo, 'appendLedger'> }): Applier<SaleRefundedPayload> {
  return createTakeBack(deps, {
    keyOf: (p: SaleRefundedPayload) => p.saleId,
    idOf: (p) => p.refundId,
    rowOf: (p) => ({ saleId: p.saleId, orderCode: null }),
    lock: (q, saleIds) => deps.sales.lockSales(q, saleIds),
    unknown: 'unknown-sale',
    notIn: 'not-in-sale',
  });
}
