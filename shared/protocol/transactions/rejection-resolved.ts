import { z } from 'zod';
import { Uuid } from '../common';
import { defineKind } from './kind';

export const RejectionResolvedPayload = z.object({
  transactionId: Uuid.describe('the rejected transaction'),
  action: z.enum(['handled', 'corrected']).describe('handled: looked into, nothing to redo; corrected: another transaction did what this one could not'),
  note: z.string().trim().min(1, 'a note: what was done').max(500),
  correctingTransactionId: Uuid.optional().describe('corrected: the transaction that did it (a staff handover of the same order, say)'),
  staffSessionId: Uuid,
}).strict().superRefine((p, ctx) => {
  if (p.action === 'corrected' && !p.correctingTransactionId) ctx.addIssue({ code: 'custom', message: 'corrected: name the correcting transaction', path: ['correctingTransactionId'] });
  if (p.action === 'handled' && p.correctingTransactionId) ctx.addIssue({ code: 'custom', message: 'handled: no correcting transaction', path: ['correctingTransactionId'] });
});
export type RejectionResolvedPayload = z.infer<typeof RejectionResolvedPayload>;

/**
 * rejection.resolved: a supervisor closes a rejected transaction of the branch, with a
 * note, either as handled or as corrected by a transaction that did what it could not.
 * A transaction like any other, so it is audited and applied exactly once; a second
 * resolution of the same rejection is refused (`already-resolved`).
 */
export const rejectionResolved = defineKind({
  kind: 'rejection.resolved',
  payload: RejectionResolvedPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.transactionId },
});
