import { z } from 'zod';
import { Uuid } from '../common';
import { defineKind } from './kind';

export const AssistanceAcceptedPayload = z.object({ requestId: Uuid, staffSessionId: Uuid }).strict();
export type AssistanceAcceptedPayload = z.infer<typeof AssistanceAcceptedPayload>;

/** assistance.accepted: a staff member took a call for help; the kiosk says who is coming. */
export const assistanceAccepted = defineKind({
  kind: 'assistance.accepted',
  payload: AssistanceAcceptedPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.requestId },
});
