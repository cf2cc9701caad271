import { z } from 'zod';
import { IsoDateTime } from './common';
import { CardHash } from './customers';
import { RememberedPrefs } from './transactions/customer-preferences';

/**
 * What a kiosk holds of one card holder of its branch (pulled like orders, sent again
 * whole when the book or the holder changes): the card's number as a hash keyed with the
 * branch's key, never the number; the secret's hash; the short name; the book's page size
 * and where its printout stopped; the lines not yet on paper. Nothing else about the person.
 */
export const PassbookHolding = z.object({
  cardHash: CardHash,
  secretHash: z.string().regex(/^[0-9a-f]{64}$/).nullable().describe('null: a card without a secret (only staff can print it)'),
  shortName: z.string(),
  linesPerPage: z.number().int().min(4).max(100),
  mark: z.object({
    through: z.number().int().min(0).describe('the last ledger line on paper (0: none yet)'),
    page: z.number().int().min(1),
    line: z.number().int().min(0).describe('its line on that page (0: the book is new)'),
    balanceKopecks: z.number().int().describe('the balance after it: brought forward by the next printout'),
  }),
  entries: z.array(z.object({
    line: z.number().int().min(1),
    postedAt: IsoDateTime,
    textRu: z.string(),
    textEn: z.string(),
    amountKopecks: z.number().int(),
  })).describe('the lines after the mark, oldest first'),
  asOf: IsoDateTime.describe('when the server read it: an offline printout says «по состоянию на» this'),
  blockedCardHashes: z.array(CardHash).default([]).describe('the holder’s earlier cards, blocked (a lost card): a kiosk drops what it holds under them'),
  preferences: RememberedPrefs.nullable().default(null).describe('only when the holder asked to be remembered: the settings a scan applies, and the name greets them'),
});
export type PassbookHolding = z.infer<typeof PassbookHolding>;
