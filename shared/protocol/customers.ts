import { z } from 'zod';
import { isValidEan13 } from '../domain/ean13';
import { isScanSecret } from '../domain/scan-code';
import { IsoDateTime, Uuid } from './common';

/** A passbook card's number: 13 digits with an EAN-13 check digit (a mistyped digit is caught). */
export const CardNumber = z.string().regex(/^\d{13}$/, 'card number: 13 digits').refine(isValidEan13, 'card number: the check digit does not match');

/**
 * A card as devices name it: its number's hash keyed with the branch's key
 * (shared/domain/card-code.ts), lowercase hex. Without the key it cannot be tried against
 * the possible card numbers.
 */
export const CardHash = z.string().regex(/^[0-9a-f]{64}$/, 'card hash: 64 lowercase hex digits');

/** PUT /api/v1/admin/customers/{cardNumber}: a card holder as the back office keeps them. */
export const CustomerInput = z.object({
  branchCode: z.string().min(1).max(10),
  shortName: z.string().trim().min(2).max(40).describe('«Иван П.»: the first name and the last name’s initial, never more'),
  linesPerPage: z.number().int().min(4).max(100).optional().describe('lines on one page of this book type (24 when left out)'),
  scanSecret: z.string().refine(isScanSecret, 'scanSecret: 16 characters of Crockford base32').optional()
    .describe('the secret inside the card’s barcode (never printed in digits); only its hash is kept'),
}).strict();
export type CustomerInput = z.infer<typeof CustomerInput>;

export const LedgerEntryInput = z.object({
  id: Uuid.describe('the back office’s id of the entry: sent again, it is not added twice'),
  postedAt: IsoDateTime,
  textRu: z.string().trim().min(1).max(60),
  textEn: z.string().trim().min(1).max(60),
  amountKopecks: z.number().int().refine((n) => n !== 0, 'an entry moves money').refine((n) => Math.abs(n) < 1e12, 'amount too large'),
}).strict();
export type LedgerEntryInput = z.infer<typeof LedgerEntryInput>;

/** POST /api/v1/admin/customers/{cardNumber}/entries: entries in the order they happened. */
export const LedgerEntriesRequest = z.object({ entries: z.array(LedgerEntryInput).min(1).max(500) }).strict();
export const LedgerEntriesResult = z.object({
  added: z.number().int().describe('new lines in the book'),
  known: z.number().int().describe('entries with ids the book had already (the same entry sent again)'),
  lastLine: z.number().int().describe('the book’s last line number now'),
  balanceKopecks: z.number().int(),
});
export type LedgerEntriesResult = z.infer<typeof LedgerEntriesResult>;
