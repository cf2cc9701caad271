import { z } from 'zod';
import { OrderCode, Uuid } from '../common';
import { defineKind } from './kind';

/**
 * What the customer already did on this visit, so the staff member who comes continues
 * from there. Strict: nothing else may ride along, least of all the phone digits.
 */
export const AssistanceContext = z.object({
  step: z.string().min(1).max(40).describe('the screen the customer was on, e.g. "phone"'),
  orderCode: OrderCode.optional().describe('the order they typed or scanned, if any'),
  lang: z.enum(['ru', 'en']),
  largeText: z.boolean(),
  voice: z.boolean(),
}).strict();
export type AssistanceContext = z.infer<typeof AssistanceContext>;

export const AssistanceRequestedPayload = z.object({
  requestId: Uuid,
  screen: z.string().min(1).max(40),
  context: AssistanceContext,
}).strict();
export type AssistanceRequestedPayload = z.infer<typeof AssistanceRequestedPayload>;

/** assistance.requested: a customer pressed «Позвать сотрудника» on a kiosk. */
export const assistanceRequested = defineKind({
  kind: 'assistance.requested',
  payload: AssistanceRequestedPayload,
  senders: ['kiosk'],
  touches: () => [],
});
