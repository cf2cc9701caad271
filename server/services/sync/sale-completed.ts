import { receiptNumberReason } from './receipt-number-check';
import type { RejectReason, SaleCompletedPayload } from '../../../shared/protocol';
import type { CustomerRepo } from '../../repositories/customer-repo';
import type { SaleRepo, SaleToApply } from '../../repositories/sale-repo';
import { saleLedgerLines } from './ledger-lines';
import type { Applier } from './applier';

/**
 * sale.completed: the sale, its lines, payment, sold serial numbers and receipt, applied
 * together and set-based. What makes a sale impossible is rejected: a product the
 * catalogue does not know (`unknown-sku`), a receipt number not this device's or used
 * before, a sale id another transaction used, a price further from the catalogue's than
 * the back office allows (`price-out-of-range`, OKNO_SALE_PRICE_TOLERANCE_PERCENT: a typo
 * or a tampered tablet, not a price changed offline). What only needs a person's look is
 * applied and flagged for the day's summary, because the goods are gone and the money
 * taken either way: a price other than the catalogue's within that tolerance (changed
 * while the tablet was offline), a serial number sold before and not returned, a product
 * with serial numbers sold without them, a card number no customer of the branch has.
 */
export function createSaleCompleted(deps: {
  sales: Pick<SaleRepo, 'saleContext' | 'insertSales' | 'serialKey'>; customers: Pick<CustomerRepo, 'appendLedger'>;
  /** how far from the catalogue's price a line may be, in % of it (OKNO_SALE_PRICE_TOLERANCE_PERCENT, 20 when left out) */
  priceTolerancePercent?: number;
}): Applier<SaleCompletedPayload> {
  return {
    async apply(q, device, txs) {
      const payloads = txs.map((t) => t.payload);
      const context = await deps.sales.saleContext(q, {
        branchId: device.branchId,
        saleIds: payloads.map((p) => p.saleId),
        receiptNumbers: payloads.map((p) => p.receiptNumber),
        skus: [...new Set(payloads.flatMap((p) => p.lines.map((l) => l.sku)))],
        serials: payloads.flatMap((p) => p.lines.flatMap((l) => (l.serials ?? []).map((serial) => ({ sku: l.sku, serial })))),
        cards: [...new Set(payloads.flatMap((p) => (p.customerCard ? [p.customerCard] : [])))],
      });
      const rejected = new Map<string, RejectReason>();
      const sales: SaleToApply[] = [];
      for (const tx of txs) {
        const p = tx.payload;
        const reason = rejectReason(p, device.code, context, deps.priceTolerancePercent ?? 20);
        if (reason) {
          rejected.set(tx.id, reason);
          continue;
        }
        const flags = new Set<string>();
        const lines = p.lines.map((l) => {
          const product = context.products.get(l.sku)!;
          if (product.priceKopecks !== l.priceKopecks) flags.add('price-differs');
          if (product.serialRequired && !l.serials) flags.add('serials-missing');
          for (const serial of l.serials ?? []) {
            if (context.soldSerials.has(deps.sales.serialKey(l.sku, serial))) flags.add('serial-resold');
          }
          return { sku: l.sku, qty: l.qty, priceKopecks: l.priceKopecks, cataloguePriceKopecks: product.priceKopecks, serials: l.serials ?? [] };
        });
        if (p.customerCard && !context.cards.has(p.customerCard)) flags.add('unknown-card');
        // Later transactions of the same batch see this one's effects.
        context.existingSales.add(p.saleId);
        context.usedNumbers.add(p.receiptNumber);
        for (const l of lines) for (const serial of l.serials) context.soldSerials.add(deps.sales.serialKey(l.sku, serial));
        sales.push({
          id: p.saleId, txId: tx.id, occurredAt: tx.occurredAt, receiptNumber: p.receiptNumber, staffSessionId: p.staffSessionId,
          confirmedOn: p.confirmedOn, customerCard: p.customerCard ?? null, totalKopecks: p.payment.amountKopecks, flags: [...flags].sort(), lines,
          payment: {
            method: p.payment.method, amountKopecks: p.payment.amountKopecks, tenderedKopecks: p.payment.tenderedKopecks ?? null,
            changeKopecks: p.payment.changeKopecks ?? null, terminalRef: p.payment.terminalRef ?? null, cardLast4: p.payment.cardLast4 ?? null,
          },
        });
      }
      await deps.sales.insertSales(q, device, sales);
      await deps.customers.appendLedger(q, device.branchId, sales.flatMap((sale) => (sale.customerCard && context.cards.has(sale.customerCard)
        ? saleLedgerLines({ cardNumber: sale.customerCard, occurredAt: sale.occurredAt, receiptNumber: sale.receiptNumber, totalKopecks: sale.totalKopecks, method: sale.payment.method })
        : [])));
      return rejected;
    },
  };
}

function rejectReason(p: SaleCompletedPayload, deviceCode: string, context: Awaited<ReturnType<SaleRepo['saleContext']>>, tolerancePercent: number): RejectReason | null {
  const numberReason = receiptNumberReason(p.receiptNumber, deviceCode, context.usedNumbers);
  if (numberReason) return numberReason;
  if (context.existingSales.has(p.saleId)) return 'sale-exists';
  if (p.lines.some((l) => !context.products.has(l.sku))) return 'unknown-sku';
  if (p.lines.some((l) => !withinTolerance(l.priceKopecks, context.products.get(l.sku)!.priceKopecks, tolerancePercent))) return 'price-out-of-range';
  return null;
}

/**
 * Whether a price is within `percent` of the catalogue's, in integers (prices are at most
 * 10^10 kopecks, so × 100 stays exact). A product the catalogue gives away (0) sells only at 0.
 */
function withinTolerance(priceKopecks: number, catalogueKopecks: number, percent: number): boolean {
  return Math.abs(priceKopecks - catalogueKopecks) * 100 <= catalogueKopecks * percent;
}
