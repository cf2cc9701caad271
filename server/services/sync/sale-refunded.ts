import type { RejectReason, SaleRefundedPayload } from '../../../shared/protocol';
import { multiplyKopecks } from '../../../shared/domain/money';
import { parseReceiptNumber } from '../../../shared/domain/receipt-number';
import type { CustomerRepo, LedgerAppend } from '../../repositories/customer-repo';
import type { LockedSale, RefundToApply, SaleRepo } from '../../repositories/sale-repo';
import { refundLedgerLines } from './ledger-lines';
import type { Applier } from './applier';

/**
 * sale.refunded: a supervisor takes goods back and refunds them by the sale's own payment
 * method at the sale's prices. The sale is locked first, so two tablets refunding the same
 * sale (offline, then syncing at once) apply what fits, in order, and the rest is refused
 * with its reason: never more than sold less refunded (`over-refund`; Odoo refunded every
 * line again on a second partial refund), only the sale's products and units
 * (`not-in-sale`), units with serial numbers by their serials (`serials-required`). A
 * card holder's passbook gets the refund's lines in the same transaction.
 */
export function createSaleRefunded(deps: { sales: Pick<SaleRepo, 'lockSales' | 'refundContext' | 'insertRefunds'>; customers: Pick<CustomerRepo, 'appendLedger'> }): Applier<SaleRefundedPayload> {
  return {
    async apply(q, device, txs) {
      const locked = await deps.sales.lockSales(q, [...new Set(txs.map((t) => t.payload.saleId))]);
      const context = await deps.sales.refundContext(q, txs.map((t) => t.payload.refundId), txs.map((t) => t.payload.receiptNumber));
      const rejected = new Map<string, RejectReason>();
      const refunds: RefundToApply[] = [];
      const ledger: LedgerAppend[] = [];
      for (const tx of txs) {
        const p = tx.payload;
        const sale = locked.get(p.saleId);
        const reason = rejectReason(p, device, sale, context);
        if (reason || !sale) {
          rejected.set(tx.id, reason ?? 'unknown-sale');
          continue;
        }
        const lines = p.lines.map((l) => {
          const line = sale.lines.get(l.sku)!;
          // Later refunds of the same batch see this one's.
          line.refundedQty += l.qty;
          for (const serial of l.serials ?? []) line.refundedSerials.add(serial);
          return { sku: l.sku, qty: l.qty, serials: l.serials ?? [], amountKopecks: multiplyKopecks(line.priceKopecks, l.qty) };
        });
        context.existingRefunds.add(p.refundId);
        context.usedNumbers.add(p.receiptNumber);
        const amountKopecks = lines.reduce((sum, l) => sum + l.amountKopecks, 0);
        refunds.push({
          id: p.refundId, saleId: p.saleId, txId: tx.id, occurredAt: tx.occurredAt, receiptNumber: p.receiptNumber, staffSessionId: p.staffSessionId,
          method: sale.method, amountKopecks, lines,
        });
        if (sale.customerCard) ledger.push(...refundLedgerLines({ cardNumber: sale.customerCard, occurredAt: tx.occurredAt, receiptNumber: p.receiptNumber, amountKopecks, method: sale.method }));
      }
      await deps.sales.insertRefunds(q, device, refunds);
      await deps.customers.appendLedger(q, device.branchId, ledger);
      return rejected;
    },
  };
}

function rejectReason(
  p: SaleRefundedPayload,
  device: { code: string; branchId: string },
  sale: LockedSale | undefined,
  context: { existingRefunds: Set<string>; usedNumbers: Set<string> },
): RejectReason | null {
  if (!sale) return 'unknown-sale';
  if (sale.branchId !== device.branchId) return 'other-branch';
  if (parseReceiptNumber(p.receiptNumber)?.deviceCode !== device.code) return 'receipt-number-foreign';
  if (context.usedNumbers.has(p.receiptNumber)) return 'receipt-number-reused';
  if (context.existingRefunds.has(p.refundId)) return 'refund-exists';
  for (const l of p.lines) {
    const line = sale.lines.get(l.sku);
    if (!line) return 'not-in-sale';
    if (l.qty > line.qty - line.refundedQty) return 'over-refund';
    if (line.serials.length > 0 && !l.serials) return 'serials-required';
    for (const serial of l.serials ?? []) {
      if (!line.serials.includes(serial)) return 'not-in-sale';
      if (line.refundedSerials.has(serial)) return 'over-refund';
    }
  }
  return null;
}
