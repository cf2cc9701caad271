import { z } from 'zod';
import { CalendarDate, IsoDateTime, RECEIPT_NUMBER_PATTERN, UUID_PATTERN } from './common';
import { PaperDocumentSchema } from './paper';

/** A receipt, handover or refund slip of the branch, as the reprint screen lists it. */
export const DocumentSummary = z.object({
  number: z.string().describe('the receipt (or refund slip) number'),
  kind: z.enum(['pickup', 'sale', 'refund', 'passbook']).describe('passbook: a continuation a kiosk printed; its number is the one printed on it (the printout’s transaction id for those printed before statements were numbered)'),
  issuedAt: IsoDateTime,
  device: z.string().describe('the code of the device that made it'),
  orderCode: z.string().nullable(),
  card: z.string().nullable().describe('a passbook printout’s card, masked: «•••• 0016»'),
  totalKopecks: z.number().int(),
  reprints: z.number().int().describe('copies printed so far'),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentQuery = z.object({
  key: z.string().trim().regex(/^[A-Za-z0-9\s-]{1,40}$/, 'key: a receipt number, an order code or a card number (letters, digits, dashes and spaces)').optional().describe('a receipt number, an order code or a passbook card’s number; left out: the day’s documents'),
  date: CalendarDate.optional().describe('the branch’s day (today when left out)'),
  before: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'before: the `next` of the page before').optional().describe('added (issue 21): the page after the one whose `next` this is'),
  limit: z.coerce.number().int().min(1).max(200).default(200).describe('added (issue 21): documents a page holds at most'),
});
export const DocumentList = z.object({
  documents: z.array(DocumentSummary).describe('newest first, one page (200 at most)'),
  next: z.string().nullable().default(null).describe('added (issue 21): ask with ?before= this for the older ones; null when there are no more'),
});
export type DocumentList = z.infer<typeof DocumentList>;

/**
 * A document's number in a path: a receipt, refund slip or passbook printout's
 * (MSK1-K01-000042, either case), or the transaction id of a passbook printout made before
 * statements were numbered (reprint-service.ts).
 */
export const DocumentNumber = z.string()
  .regex(new RegExp(`${RECEIPT_NUMBER_PATTERN.source}|${UUID_PATTERN.source}`), 'number: a receipt or statement number (MSK1-K01-000042), or an older passbook printout’s id');
export const DocumentNumberParams = z.object({ number: DocumentNumber });

/** GET /api/v1/documents/{number}/copy: the paper rebuilt from what the server holds, marked КОПИЯ. */
export const DocumentCopy = z.object({
  number: z.string(),
  documents: z.array(PaperDocumentSchema).describe('the receipt (or slip) first, then its warranty slips; every one with copy: true'),
});
export type DocumentCopy = z.infer<typeof DocumentCopy>;

/** POST /api/v1/documents/{number}/print: the copy to a kiosk's printer. */
/** The customer's passbook card as scanned (`<13 digits>-<secret>`): a passbook statement is copied only with it. */
const CardCodeField = z.string().min(13).max(40).describe('added to the contract: the customer’s card as scanned, for a passbook statement (a supervisor’s)');

export const DocumentPrintRequest = z.object({
  printId: z.uuid().describe('made by the tablet: the kiosk prints each once'),
  kiosk: z.string().min(1).max(40).describe('the kiosk’s code'),
  cardCode: CardCodeField.optional(),
}).strict();

/** POST /api/v1/documents/{number}/copy: the copy with the customer's card, for a passbook statement (in the body, never in a URL or a log). */
export const DocumentCopyRequest = z.object({ cardCode: CardCodeField }).strict();
export type DocumentPrintRequest = z.infer<typeof DocumentPrintRequest>;
export const DocumentPrintSent = z.object({ printId: z.uuid(), kiosk: z.string() });
export type DocumentPrintSent = z.infer<typeof DocumentPrintSent>;

/**
 * POST /api/v1/documents/prints/{printId}/printed (the kiosk's): what became of a copy
 * staff sent. `waiting`: a customer is in a visit, and the copy prints once the kiosk is
 * back at its welcome screen (never over someone's visit); then `ok` or the printer's
 * problem. The tablets hear it (`document.printed`).
 */
export const PrintIdParams = z.object({ printId: z.uuid() }).strict();
export const CopyPrintedReport = z.object({
  number: DocumentNumber,
  outcome: z.enum(['waiting', 'ok', 'paper-out', 'cover-open', 'offline', 'maybe-printed', 'failed']),
}).strict();
export type CopyPrintedReport = z.infer<typeof CopyPrintedReport>;
export const CopyPrintedAck = z.object({ told: z.literal(true) });
