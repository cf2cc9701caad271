import { z } from 'zod';
import { MAX_LINES, OrderCode, PaperLang, Uuid } from '../common';
import { defineKind } from './kind';
import { checkReturnLines, ReceiptNumber, RefundLine } from './sale';

export const OrderReturnedPayload = z.object({
  returnId: Uuid.describe('the return’s own id (its slip’s QR names it)'),
  orderCode: OrderCode.describe('the handed-over pickup order the goods came from'),
  receiptNumber: ReceiptNumber.describe('the return slip’s own number, from the returning device'),
  lines: z.array(RefundLine).min(1).max(MAX_LINES)
    .describe('the units taken back, by SKU; serial-numbered goods with the serial of each unit (read off the unit: a pickup order names none)'),
  staffSessionId: Uuid,
  paperLang: PaperLang,
}).strict().superRefine(checkReturnLines);
export type OrderReturnedPayload = z.infer<typeof OrderReturnedPayload>;

/**
 * order.returned: a supervisor takes back goods of a pickup order the branch handed over
 * (at a kiosk or at the desk), at the order's prices. The money goes back the way the
 * order was paid, which the server knows and the payload does not say: cash from the
 * drawer or to the card for a desk payment (order.paid), and for an order paid online the
 * shop returns it online. Never more than handed over less already returned.
 *
 * A kind of its own rather than sale.refunded with an order in it: a sale's refund is
 * sent by tablets already in the field, and an older server defers an unknown kind (it
 * waits in the tablet's queue until the server is updated) where it would misread a
 * widened sale.refunded (its tolerant reader would drop the order's fields). The rules and the
 * record are the refund's (server/services/sync/take-back.ts, the refunds table).
 */
export const orderReturned = defineKind({
  kind: 'order.returned',
  payload: OrderReturnedPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['supervisor'], session: (p) => p.staffSessionId, subject: (p) => `${p.orderCode} ${p.receiptNumber}` },
});
