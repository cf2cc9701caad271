import { z } from 'zod';
import { multiplyKopecks } from '../../domain/money';
import { LineQty, MAX_LINES, PaperLang, PriceKopecks, Sku, Uuid } from '../common';
import { defineKind } from './kind';
import { CASH_RULE, cashAddsUp, PaymentFields } from './order-paid';

export const ReceiptNumber = z.string().min(3).max(40);
const Serial = z.string().trim().min(1).max(40);

/** One product of a sale: one line per SKU; a product with serial numbers has one per unit. */
export const SaleLine = z.object({
  sku: Sku,
  qty: LineQty,
  priceKopecks: PriceKopecks.describe('the unit price the customer confirmed (the tablet’s catalogue)'),
  serials: z.array(Serial).max(999).optional().describe('one per unit, for products that have serial numbers'),
}).strict().refine((l) => l.serials === undefined || l.serials.length === l.qty, { message: 'one serial number per unit', path: ['serials'] });
export type SaleLine = z.infer<typeof SaleLine>;

/** A sale's payment: as a pickup order's, and for a card optionally its last 4 digits (never more). */
export const SalePayment = PaymentFields.extend({
  cardLast4: z.string().regex(/^\d{4}$/, 'the card’s last 4 digits, never more').optional(),
}).strict().refine(cashAddsUp, CASH_RULE);
export type SalePayment = z.infer<typeof SalePayment>;

/** What a sale's lines come to, in kopecks. */
export function saleTotal(lines: readonly { qty: number; priceKopecks: number }[]): number {
  return lines.reduce((sum, l) => sum + multiplyKopecks(l.priceKopecks, l.qty), 0);
}

/** Each serial number once in a sale or a refund, wherever it is: a unit is sold, or paid back, once. */
function duplicateSerial(lines: readonly { serials?: string[] | undefined }[]): string | null {
  const seen = new Set<string>();
  for (const serial of lines.flatMap((l) => l.serials ?? [])) {
    if (seen.has(serial)) return serial;
    seen.add(serial);
  }
  return null;
}

export const SaleCompletedPayload = z.object({
  saleId: Uuid,
  receiptNumber: ReceiptNumber,
  lines: z.array(SaleLine).min(1).max(MAX_LINES),
  payment: SalePayment,
  confirmedOn: z.enum(['tablet', 'kiosk']).describe('where the customer tapped «Всё верно»'),
  customerCard: z.string().regex(/^\d{6,20}$/).optional().describe('a passbook card holder’s card number'),
  staffSessionId: Uuid,
  paperLang: PaperLang,
}).strict().superRefine((p, ctx) => {
  const skus = p.lines.map((l) => l.sku);
  if (new Set(skus).size !== skus.length) ctx.addIssue({ code: 'custom', message: 'one line per SKU', path: ['lines'] });
  const serial = duplicateSerial(p.lines);
  if (serial !== null) ctx.addIssue({ code: 'custom', message: `serial number ${serial} twice in one sale`, path: ['lines'] });
  if (p.payment.amountKopecks !== saleTotal(p.lines)) ctx.addIssue({ code: 'custom', message: 'payment: the amount is not the lines’ total', path: ['payment', 'amountKopecks'] });
});
export type SaleCompletedPayload = z.infer<typeof SaleCompletedPayload>;

/**
 * sale.completed: a staff member sold goods at the tablet to a customer who confirmed the
 * cart in large type (on the tablet turned to them, or on a kiosk) and paid in cash or at
 * the standalone card terminal. The sale, its lines, payment and receipt apply together.
 */
export const saleCompleted = defineKind({
  kind: 'sale.completed',
  payload: SaleCompletedPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.receiptNumber },
});

export const RefundLine = z.object({
  sku: Sku,
  qty: LineQty,
  serials: z.array(Serial).max(999).optional().describe('the units returned, for products that have serial numbers'),
}).strict().refine((l) => l.serials === undefined || l.serials.length === l.qty, { message: 'one serial number per unit', path: ['serials'] });
export type RefundLine = z.infer<typeof RefundLine>;

/**
 * What goods coming back must be, whatever they come back from (a sale, or a handed-over
 * pickup order: order-returned.ts): one line per SKU, and each serial number once.
 */
export function checkReturnLines(p: { lines: readonly RefundLine[] }, ctx: z.RefinementCtx): void {
  const skus = p.lines.map((l) => l.sku);
  if (new Set(skus).size !== skus.length) ctx.addIssue({ code: 'custom', message: 'one line per SKU', path: ['lines'] });
  // A serial named twice would be paid back twice for one unit returned.
  const serial = duplicateSerial(p.lines);
  if (serial !== null) ctx.addIssue({ code: 'custom', message: `serial number ${serial} twice in one refund`, path: ['lines'] });
}

export const SaleRefundedPayload = z.object({
  refundId: Uuid,
  saleId: Uuid,
  receiptNumber: ReceiptNumber.describe('the refund slip’s own number, from the refunding device'),
  lines: z.array(RefundLine).min(1).max(MAX_LINES),
  staffSessionId: Uuid,
  paperLang: PaperLang,
}).strict().superRefine(checkReturnLines);
export type SaleRefundedPayload = z.infer<typeof SaleRefundedPayload>;

/**
 * sale.refunded: a supervisor takes goods of a sale back and refunds them by the sale's
 * own payment method, at the sale's prices. Never more than sold less already refunded.
 */
export const saleRefunded = defineKind({
  kind: 'sale.refunded',
  payload: SaleRefundedPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.receiptNumber },
});
