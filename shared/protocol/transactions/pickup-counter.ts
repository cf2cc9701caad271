import { z } from 'zod';
import { OrderCode, Uuid } from '../common';
import { defineKind } from './kind';

export const PickupWaitingPayload = z.object({ orderCode: OrderCode }).strict();
export type PickupWaitingPayload = z.infer<typeof PickupWaitingPayload>;

/**
 * pickup.waiting: the customer confirmed "это мой заказ" at a kiosk and waits there; the
 * tablets hear "bring order 4711 0004 from shelf B4 to kiosk 2".
 */
export const pickupWaiting = defineKind({
  kind: 'pickup.waiting',
  payload: PickupWaitingPayload,
  senders: ['kiosk'],
  touches: () => [],
});

export const PickupBroughtPayload = z.object({ orderCode: OrderCode, staffSessionId: Uuid }).strict();
export type PickupBroughtPayload = z.infer<typeof PickupBroughtPayload>;

/** pickup.brought: a staff member brought the goods to the kiosk where the customer waits. */
export const pickupBrought = defineKind({
  kind: 'pickup.brought',
  payload: PickupBroughtPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.orderCode },
});

export const PickupLeftPayload = z.object({
  orderCode: OrderCode,
  /** a tablet's: the staff member who took a wait off the list (a kiosk that stopped mid-visit) */
  staffSessionId: Uuid.optional(),
}).strict();
export type PickupLeftPayload = z.infer<typeof PickupLeftPayload>;

/**
 * pickup.left: nobody waits for the order any more. A kiosk sends it when the customer who
 * waited there ended the visit («Закончить», «Отмена», the idle wipe) before the handover;
 * a tablet, with its staff session, when staff take a wait off the list that no one will
 * end (a kiosk that crashed or was switched off mid-visit). The tablets stop bringing it.
 */
export const pickupLeft = defineKind({
  kind: 'pickup.left',
  payload: PickupLeftPayload,
  senders: ['kiosk', 'tablet'],
  touches: () => [],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId ?? null, subject: (p) => p.orderCode },
});
