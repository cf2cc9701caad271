import { z } from 'zod';
import { OrderCode } from './common';

/**
 * The kinds of transaction a device can queue, each with the schema of its payload.
 * Adding a kind: add its payload schema here, then its applier in server/services/sync/.
 * A server that does not know a kind rejects that transaction alone ("unsupported-kind")
 * instead of failing the batch, so a newer kiosk never stalls on an older server.
 */
export const OrderPickedUpPayload = z.object({
  orderCode: OrderCode,
  receiptNumber: z.string().min(3).max(40),
  verifiedBy: z.enum(['qr', 'phone', 'staff']),
});
export type OrderPickedUpPayload = z.infer<typeof OrderPickedUpPayload>;

export const TransactionPayloads = {
  'order.pickedUp': OrderPickedUpPayload,
} as const;
export type TransactionKind = keyof typeof TransactionPayloads;
export const TRANSACTION_KINDS = Object.keys(TransactionPayloads) as TransactionKind[];

export function isTransactionKind(kind: string): kind is TransactionKind {
  return Object.hasOwn(TransactionPayloads, kind);
}
