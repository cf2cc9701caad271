import { z } from 'zod';
import { instantShapeProblem } from './safe-input';
import { checkOrderCode } from '../domain/order-code';
import { isValidEan13 } from '../domain/ean13';

/** Building blocks shared by every schema of the sync and admin API. */
export const Uuid = z.uuid();
export const Kopecks = z.number().int().safe();
export const NonNegativeKopecks = Kopecks.nonnegative();
/**
 * A time as ISO 8601 with its offset, that is also a real time a database can store and
 * give back the same way: a day the calendar has, from 1970 to 9999, an offset within
 * ±14:00 (year 0000, or +23:59, or a UTC year of 10000, pass the plain format and then
 * break whoever reads them back: shared/protocol/safe-input.ts).
 */
export const IsoDateTime = z.iso.datetime({ offset: true })
  .refine((t) => instantShapeProblem(t) === null, 'a real time, from 1970 to 9999, with an offset within ±14:00');
export const BranchCode = z.string().regex(/^[A-Z0-9]{2,8}$/, 'branch code: 2–8 capital letters or digits');
export const Sku = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'sku: 1–40 letters, digits, dot, dash or underscore');
export const Ean13 = z.string().refine(isValidEan13, 'EAN-13: 13 digits with a valid check digit');
export const OrderCode = z
  .string()
  .refine((s) => { const c = checkOrderCode(s); return c.ok && c.code === s; }, 'order code: 8 digits with a valid check digit');
export const ShortText = (max: number) => z.string().trim().min(1).max(max);

/**
 * Money bounds: a unit price at most 100 000 000,00 ₽, a line at most 999 units, a sale or
 * an order at most 100 lines. So no total of one sale, order or refund passes 10^15
 * kopecks, and every sum the server makes of them stays far inside 2^53 (exact in a JS
 * number). Widen one only with the others in mind.
 */
export const MAX_PRICE_KOPECKS = 10_000_000_000;
export const MAX_LINE_QTY = 999;
export const MAX_LINES = 100;
export const PriceKopecks = NonNegativeKopecks.max(MAX_PRICE_KOPECKS, 'price: at most 100 000 000,00 ₽ (10^10 kopecks)');
export const LineQty = z.number().int().min(1).max(MAX_LINE_QTY);

/** The UUID pattern in either case, for ids that come as text (a path, a typed key). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/**
 * A receipt (or refund slip) number as devices issue it, "<device code>-<6 digits>"
 * (shared/domain/receipt-number.ts): MSK1-K01-000042. Either case: people type them.
 */
export const RECEIPT_NUMBER_PATTERN = /^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})?-\d{6}$/;

/**
 * A day of the branch's calendar, "YYYY-MM-DD": a day the calendar has (no 30 February,
 * no month 13), in the years 2000–2999. Anything else is the caller's typo, answered 400
 * naming the field before it reaches the database (which would fail on it).
 */
export const CalendarDate = z.string()
  .regex(/^2\d{3}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD, a year from 2000 to 2999')
  .refine(isCalendarDay, 'date: no such day in the calendar');

function isCalendarDay(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

/** Every error the API sends has this shape; `field` names the offending input when there is one. */
export const ApiError = z.object({
  error: z.string().describe('machine-readable code, e.g. "invalid-body", "unauthorized", "forbidden"'),
  message: z.string(),
  field: z.string().optional(),
  requestId: z.string(),
  attemptsLeft: z.number().int().optional().describe('a wrong PIN: how many tries are left before the number locks'),
  lockedUntil: IsoDateTime.optional().describe('a locked employee number: when it opens again'),
});
export type ApiError = z.infer<typeof ApiError>;

/** The language the device printed a document in: a reprint (КОПИЯ) is rebuilt in it. Russian when left out. */
export const PaperLang = z.enum(['ru', 'en']).optional().describe('the language the paper was printed in (Russian when left out)');
