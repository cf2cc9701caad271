import { z } from 'zod';
import { IsoDateTime, Uuid } from './common';

/**
 * A rejected transaction as staff read it: what it was, where and when, why it was
 * refused, and the facts that make the refusal plain words («Заказ 4711 0004 уже выдан на
 * киоске MSK1-K01 в 14:02»). Ids and masked data only.
 */
export const Rejection = z.object({
  transactionId: Uuid,
  kind: z.string(),
  device: z.string().describe('the code of the device that sent it'),
  place: z.string().nullable().describe('where that device stands'),
  occurredAt: IsoDateTime.describe('when it happened on the device'),
  receivedAt: IsoDateTime.describe('when the server refused it'),
  reason: z.string(),
  subject: z.string().nullable().describe('the order code, receipt number or request it was about'),
  order: z.object({
    status: z.enum(['ready', 'picked_up', 'cancelled']),
    pickedUpAt: IsoDateTime.nullable(),
    pickedUpDevice: z.string().nullable().describe('the code of the device that handed it over'),
    pickedUpTx: Uuid.nullable().describe('the transaction that handed it over: a correction can name it'),
  }).nullable().describe('for a transaction about a pickup order: the order as the server has it now'),
  resolution: z.object({
    action: z.enum(['handled', 'corrected']),
    note: z.string(),
    staffName: z.string(),
    resolvedAt: IsoDateTime,
    correctingTransactionId: Uuid.nullable(),
  }).nullable(),
});
export type Rejection = z.infer<typeof Rejection>;

export const RejectionQuery = z.object({
  status: z.enum(['open', 'all']).optional().describe('open (the default): not resolved yet'),
});
export const RejectionList = z.object({ rejections: z.array(Rejection).describe('newest first, at most 200') });
export type RejectionList = z.infer<typeof RejectionList>;
