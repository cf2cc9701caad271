import { z } from 'zod';
import { IsoDateTime, NonNegativeKopecks, RECEIPT_NUMBER_PATTERN, Sku, UUID_PATTERN, Uuid } from './common';

/** One product of a sale as a refund needs it: what was sold, at what price, what came back already. */
export const SoldLine = z.object({
  sku: Sku,
  name: z.string().describe('the catalogue’s Russian name'),
  qty: z.number().int().min(1),
  priceKopecks: NonNegativeKopecks,
  serials: z.array(z.string()),
  refundedQty: z.number().int().min(0),
  refundedSerials: z.array(z.string()),
});
export type SoldLine = z.infer<typeof SoldLine>;

/** GET /api/v1/sales/{key}: a sale of the device's branch, found by its receipt number or its id (the receipt's QR). */
export const SaleRecord = z.object({
  saleId: Uuid,
  receiptNumber: z.string(),
  method: z.enum(['cash', 'card']),
  occurredAt: IsoDateTime,
  lines: z.array(SoldLine),
});
export type SaleRecord = z.infer<typeof SaleRecord>;

/** A receipt number ("MSK1-T01-000007") or a sale id; the receipt's QR says "okno:receipt:<sale id>". Either case. */
export const SaleKey = z.string().trim()
  .regex(new RegExp(`${RECEIPT_NUMBER_PATTERN.source}|${UUID_PATTERN.source}|^okno:receipt:${UUID_PATTERN.source.slice(1)}`, 'i'), 'key: a receipt number (MSK1-T01-000007), a sale id or a receipt’s QR');

/** What a scanned receipt QR or a typed number names: a sale id, or a receipt number. */
export function saleKeyOf(text: string): string {
  const trimmed = text.trim();
  const qr = /^okno:receipt:([0-9a-f-]{36})$/i.exec(trimmed);
  return qr ? qr[1]!.toLowerCase() : trimmed.toUpperCase();
}
