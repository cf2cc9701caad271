import { z } from 'zod';
import { NonNegativeKopecks, OrderCode, Uuid } from '../common';
import { defineKind } from './kind';

/** A payment's fields; `Payment` adds the rule that cash adds up. */
export const PaymentFields = z.object({
  method: z.enum(['cash', 'card']),
  amountKopecks: NonNegativeKopecks.describe('what was paid: the order’s total'),
  tenderedKopecks: NonNegativeKopecks.optional().describe('cash: what the customer handed over'),
  changeKopecks: NonNegativeKopecks.optional().describe('cash: what was given back'),
  terminalRef: z.string().trim().min(1).max(40).optional().describe('card: the standalone terminal’s reference (RRN)'),
});

/** Cash adds up: what was handed over, less the change, is what was paid. */
export function cashAddsUp(p: z.infer<typeof PaymentFields>): boolean {
  return p.method !== 'cash' || p.tenderedKopecks === undefined || p.changeKopecks === undefined || p.tenderedKopecks - p.changeKopecks === p.amountKopecks;
}
export const CASH_RULE = { message: 'payment: tendered minus change must be the amount', path: ['changeKopecks'] };

export const Payment = PaymentFields.refine(cashAddsUp, CASH_RULE);
export type Payment = z.infer<typeof Payment>;

export const OrderPaidPayload = z.object({
  orderCode: OrderCode,
  payment: Payment,
  staffSessionId: Uuid,
});
export type OrderPaidPayload = z.infer<typeof OrderPaidPayload>;

/**
 * order.paid: a staff member took the payment for an unpaid pickup order (cash, or the
 * standalone card terminal: okno does not talk to terminals). Only then may the order be
 * handed over. On the tablet, the order stays paid until the server has it.
 */
export const orderPaid = defineKind({
  kind: 'order.paid',
  payload: OrderPaidPayload,
  senders: ['tablet'],
  touches: (p) => [{ entity: 'order', key: p.orderCode }],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.orderCode },
});
