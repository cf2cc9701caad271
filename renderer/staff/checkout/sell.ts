import { salePaper } from '../../../shared/documents/paper-sets';
import type { Lang } from '../../../shared/domain/money';
import type { SalePayment } from '../../../shared/protocol/transactions/sale';
import type { HostBridge, PrintProblem } from '../../bridge/host-bridge';
import type { ReceiptRow } from '../../db/kiosk-db';
import type { LocalChanges } from '../../db/local-changes';
import { uuidv7 } from '../../db/uuid7';
import { cartTotal, saleLines, type Cart } from './cart';

export type SaleOutcome =
  | { ok: true; receipt: ReceiptRow; saleId: string; printProblem: PrintProblem | null }
  // failed: the tablet could not record it (storage full, a bug): nothing was recorded or printed
  | { ok: false; code: 'failed' };

export type SaleInput = {
  cart: Cart;
  payment: SalePayment;
  confirmedOn: 'tablet' | 'kiosk';
  /** the customer's passbook card: the sale goes into their book */
  customerCard?: string | null;
  staffSessionId: string;
  /** "Ольга И.": the seller on the receipt */
  staffName: string;
  lang: Lang;
  now?: Date;
};

/**
 * An assisted sale, after the customer confirmed the cart and paid: the tablet's next
 * receipt number, the товарный чек and one гарантийный талон per unit with a warranty
 * (with that unit's serial number), the queued `sale.completed` and the stored receipt,
 * in one unit of work that has committed before anything prints. Then the paper prints
 * at the tablet (its printer, or the browser's print dialog). Every outcome is a value.
 */
export async function sell(deps: { changes: LocalChanges; host: Pick<HostBridge, 'print'> }, input: SaleInput): Promise<SaleOutcome> {
  const now = input.now ?? deps.changes.now();
  const { db } = deps.changes;
  let recorded: { receipt: ReceiptRow; saleId: string };
  try {
    recorded = await deps.changes.run([db.receipts, db.sales], async (change) => {
      const branch = await db.getSetting('branch');
      if (!branch) throw new Error('the tablet has never synced: it does not know its branch');
      const number = change.nextReceiptNumber();
      const saleId = uuidv7(now.getTime());
      const { payment } = input;
      // The same function rebuilds this paper on the server for a reprint (КОПИЯ).
      const { document, warranties } = salePaper({
        saleId, number, issuedAt: now.toISOString(), seller: branch, staffName: input.staffName, payment,
        lines: input.cart.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.qty, priceKopecks: l.priceKopecks, warrantyMonths: l.warrantyMonths, model: l.model, serials: l.serials })),
      }, input.lang);
      await change.enqueue('sale.completed', {
        saleId, receiptNumber: number, lines: saleLines(input.cart), payment: { ...payment, amountKopecks: cartTotal(input.cart) },
        confirmedOn: input.confirmedOn, staffSessionId: input.staffSessionId, ...(input.customerCard ? { customerCard: input.customerCard } : {}), paperLang: input.lang,
      });
      const receipt: ReceiptRow = { number, createdAt: now.getTime(), document, warranties };
      await db.receipts.add(receipt);
      // Kept for a refund at this tablet, offline too.
      await db.sales.put({
        saleId, receiptNumber: number, method: payment.method, occurredAt: now.toISOString(),
        lines: input.cart.lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty, priceKopecks: l.priceKopecks, serials: l.serials, refundedQty: 0, refundedSerials: [] })),
      });
      return { receipt, saleId };
    }, now);
  } catch (error) {
    console.error('the sale could not be recorded on this tablet', error);
    return { ok: false, code: 'failed' };
  }
  const printed = await deps.host.print([recorded.receipt.document, ...recorded.receipt.warranties]);
  return { ok: true, ...recorded, printProblem: printed.ok ? null : printed.code };
}
