import { z } from 'zod';
import { IsoDateTime, PaperLang } from '../common';
import { CardNumber } from '../customers';
import { defineKind } from './kind';

/** Line and page numbers are int columns in the database (017_passbook.sql). */
const INT4_MAX = 2_147_483_647;

export const PassbookPrintedPayload = z.object({
  cardNumber: CardNumber,
  fromLine: z.number().int().min(1).max(INT4_MAX).describe('the first ledger line of the printout'),
  throughLine: z.number().int().min(1).max(INT4_MAX).describe('its last ledger line: the new "printed through" mark'),
  page: z.number().int().min(1).max(INT4_MAX).describe('the book’s page the last line went on'),
  line: z.number().int().min(1).max(INT4_MAX).describe('its line on that page'),
  paperLang: PaperLang,
  asOf: IsoDateTime.optional().describe('printed offline: the «по состоянию на» time it was headed with'),
}).strict().refine((p) => p.fromLine <= p.throughLine, { message: 'fromLine after throughLine', path: ['fromLine'] });
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
