import { z } from 'zod';
import { Uuid } from '../common';
import { defineKind } from './kind';

export const DocumentReprintedPayload = z.object({
  receiptNumber: z.string().min(1).max(40).describe('the receipt or refund slip copied (with its warranty slips)'),
  printedOn: z.string().min(1).max(40).describe('the code of the device whose printer (or print dialog) printed the copy'),
  staffSessionId: Uuid,
}).strict();
export type DocumentReprintedPayload = z.infer<typeof DocumentReprintedPayload>;

/**
 * document.reprinted: a staff member printed a copy (КОПИЯ) of a branch's document, on the
 * tablet or at a kiosk. Who, when and which document are in the log and the audit; the
 * day's summary counts them. A number the branch never issued is refused (`unknown-document`).
 */
export const documentReprinted = defineKind({
  kind: 'document.reprinted',
  payload: DocumentReprintedPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId, subject: (p) => p.receiptNumber },
});
