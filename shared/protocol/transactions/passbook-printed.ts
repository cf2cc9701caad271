import { z } from 'zod';
import { IsoDateTime, PaperLang } from '../common';
import { CardHash, CardNumber } from '../customers';
import { defineKind } from './kind';
import { ReceiptNumber } from './sale';

/** Line and page numbers are int columns in the database (017_passbook.sql). */
const INT4_MAX = 2_147_483_647;

/**
 * The card is named by its keyed hash, as the kiosk holds it: the outbox, the quarantine
 * and the server's log of a kiosk's transactions hold no card number. `cardNumber` is what
 * kiosks queued before the keyed hash: still accepted (their queue must drain after the
 * upgrade, and a changed payload would be an id-conflict), never sent now.
 */
export const PassbookPrintedPayload = z.object({
  cardHash: CardHash.optional().describe('the card by its number’s hash keyed with the branch’s key, as the kiosk holds it'),
  cardNumber: CardNumber.optional().describe('kiosks before the keyed hash named the card by its number; still accepted from their queues'),
  fromLine: z.number().int().min(1).max(INT4_MAX).describe('the first ledger line of the printout'),
  throughLine: z.number().int().min(1).max(INT4_MAX).describe('its last ledger line: the new "printed through" mark'),
  page: z.number().int().min(1).max(INT4_MAX).describe('the book’s page the last line went on'),
  line: z.number().int().min(1).max(INT4_MAX).describe('its line on that page'),
  statementNumber: ReceiptNumber.optional().describe('the printout’s own number, printed on it: from the kiosk’s one document series (receipts, slips, statements); absent from kiosks before it'),
  paperLang: PaperLang,
  asOf: IsoDateTime.optional().describe('printed offline: the «по состоянию на» time it was headed with'),
}).strict()
  .refine((p) => (p.cardHash === undefined) !== (p.cardNumber === undefined), { message: 'name the card by cardHash (or, queued by an older kiosk, cardNumber), one of them', path: ['cardHash'] })
  .refine((p) => p.fromLine <= p.throughLine, { message: 'fromLine after throughLine', path: ['fromLine'] });
export type PassbookPrintedPayload = z.infer<typeof PassbookPrintedPayload>;

/**
 * passbook.printed: a kiosk's printer confirmed a continuation of a card's book (queued
 * only after the printer's answer). The mark moves forward only: a printout behind or
 * over the mark (two kiosks printing the same card offline) is applied, kept as an
 * overlap for staff, and never refused: the customer has the paper either way.
 */
export const passbookPrinted = defineKind({
  kind: 'passbook.printed',
  payload: PassbookPrintedPayload,
  senders: ['kiosk'],
  touches: () => [],
});
