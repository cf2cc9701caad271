import { z } from 'zod';
import { parseScanCode } from '../domain/scan-code';
import { IsoDateTime, OrderCode, RECEIPT_NUMBER_PATTERN, UUID_PATTERN } from './common';
import { SaleRecord, SoldLine } from './sales';

/** How money goes back for goods taken back: the way it came. `online`: the shop returns an online payment itself; the branch pays nothing out. */
export const ReturnMethod = z.enum(['cash', 'card', 'online']);
export type ReturnMethod = z.infer<typeof ReturnMethod>;

/**
 * One product of a handed-over pickup order as a return needs it. A pickup order names no
 * serial numbers (`serials` is empty): a serial-numbered product (`serialRequired`, the
 * catalogue's) comes back with the serial read off the unit, and `refundedSerials` are
 * those taken back already.
 */
export const HandedOverLine = SoldLine.extend({
  serialRequired: z.boolean().describe('the catalogue says the product has serial numbers: each unit comes back with its own'),
});
export type HandedOverLine = z.infer<typeof HandedOverLine>;

/** A pickup order the branch handed over, with what came back of it already. */
export const HandoverRecord = z.object({
  orderCode: OrderCode,
  receiptNumber: z.string().describe('the handover’s receipt'),
  handedOverAt: IsoDateTime,
  handedOverOn: z.string().describe('the device that handed it over: a kiosk or a tablet, by its code'),
  paidBy: ReturnMethod.describe('online when ordered, or at the desk: the way money goes back'),
  lines: z.array(HandedOverLine),
});
export type HandoverRecord = z.infer<typeof HandoverRecord>;

/**
 * GET /api/v1/returns/{key}: what a receipt, an order code or a receipt's QR names, for a
 * supervisor taking goods back. A sale or a handed-over order of the branch; or, said in
 * words on the tablet, another branch's (by its name), or an order not handed over. A key
 * that names nothing is a 404.
 */
export const ReturnLookup = z.discriminatedUnion('found', [
  z.object({ found: z.literal('sale'), sale: SaleRecord }),
  z.object({ found: z.literal('order'), order: HandoverRecord }),
  z.object({ found: z.literal('other-branch'), branchName: z.string().describe('the branch that sold or handed it over') }),
  z.object({ found: z.literal('not-handed-over'), orderCode: OrderCode, status: z.enum(['ready', 'cancelled']) }),
]);
export type ReturnLookup = z.infer<typeof ReturnLookup>;

/** What a typed or scanned key names: a document by its number, an order by its code, or a sale or receipt by the id in its QR. */
export type ReturnKey = { kind: 'number'; number: string } | { kind: 'order'; code: string } | { kind: 'id'; id: string };

/**
 * Reads what staff typed or scanned: a receipt's QR ("okno:receipt:<id>") or its id, an
 * order code ("4711 0004", or the customer's pickup QR with its secret), a receipt number
 * in either case. Null: none of these.
 */
export function returnKeyOf(text: string): ReturnKey | null {
  const trimmed = text.trim();
  const id = /^(?:okno:receipt:)?([0-9a-f-]{36})$/i.exec(trimmed)?.[1];
  if (id && UUID_PATTERN.test(id)) return { kind: 'id', id: id.toLowerCase() };
  const order = parseScanCode(trimmed);
  if (order) return { kind: 'order', code: order.orderCode };
  if (RECEIPT_NUMBER_PATTERN.test(trimmed)) return { kind: 'number', number: trimmed.toUpperCase() };
  return null;
}

/** The path parameter of GET /api/v1/returns/{key}. */
export const ReturnKeyText = z.string().trim().max(80)
  .refine((t) => returnKeyOf(t) !== null, 'key: a receipt number (MSK1-K01-000042), an order code (4711 0004) or a receipt’s QR');
