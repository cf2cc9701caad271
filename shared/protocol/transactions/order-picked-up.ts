import { z } from 'zod';
import { OrderCode, PaperLang, Uuid } from '../common';
import { defineKind } from './kind';

export const OrderPickedUpPayload = z.object({
  orderCode: OrderCode,
  receiptNumber: z.string().min(3).max(40),
  verifiedBy: z.enum(['qr', 'phone', 'staff']),
  /** a handover on a tablet: the staff member who checked the customer's ID */
  staffSessionId: Uuid.optional(),
  paperLang: PaperLang,
}).strict().refine((p) => (p.verifiedBy === 'staff') === (p.staffSessionId !== undefined), {
  message: 'verifiedBy "staff" goes with the staffSessionId of who checked the ID, and only with it',
  path: ['staffSessionId'],
});
export type OrderPickedUpPayload = z.infer<typeof OrderPickedUpPayload>;

/**
 * order.pickedUp: the customer took the goods of a pickup order. Sent by a kiosk (scan or
 * phone digits) or a tablet (staff checked an ID: a staff action, with its session, which
 * the server checks like any staff kind's); the order stays picked up on the device until
 * the server has it.
 */
export const orderPickedUp = defineKind({
  kind: 'order.pickedUp',
  payload: OrderPickedUpPayload,
  senders: ['kiosk', 'tablet'],
  touches: (p) => [{ entity: 'order', key: p.orderCode }],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId ?? null, subject: (p) => `${p.orderCode} ${p.receiptNumber}` },
});
