import { z } from 'zod';
import { Uuid } from '../common';
import { defineKind } from './kind';

export const AssistanceResolvedPayload = z.object({ requestId: Uuid, staffSessionId: Uuid }).strict();
export type AssistanceResolvedPayload = z.infer<typeof AssistanceResolvedPayload>;

/** assistance.resolved: the staff member who helped marks the call done («Решено»). */
export const assistanceResolved = defineKind({
  kind: 'assistance.resolved',
  payload: AssistanceResolvedPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.requestId },
});

export const AssistanceCancelledPayload = z.object({ requestId: Uuid }).strict();
export type AssistanceCancelledPayload = z.infer<typeof AssistanceCancelledPayload>;

/** assistance.cancelled: the visit that called ended (the customer finished, cancelled, or walked away). */
export const assistanceCancelled = defineKind({
  kind: 'assistance.cancelled',
  payload: AssistanceCancelledPayload,
  senders: ['kiosk'],
  touches: () => [],
});
