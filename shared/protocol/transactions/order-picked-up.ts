import { z } from 'zod';
import { OrderCode } from '../common';
import { defineKind } from './kind';

export const OrderPickedUpPayload = z.object({
  orderCode: OrderCode,
  receiptNumber: z.string().min(3).max(40),
  verifiedBy: z.enum(['qr', 'phone', 'staff']),
});
export type OrderPickedUpPayload = z.infer<typeof OrderPickedUpPayload>;

/**
 * order.pickedUp: the customer took the goods of a pickup order. Sent by a kiosk (scan or
 * phone digits) or a tablet (staff checked an ID); the order stays picked up on the
 * device until the server has it.
 */
export const orderPickedUp = defineKind({
  kind: 'order.pickedUp',
  payload: OrderPickedUpPayload,
  senders: ['kiosk', 'tablet'],
  touches: (p) => [{ entity: 'order', key: p.orderCode }],
});
