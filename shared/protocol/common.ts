import { z } from 'zod';
import { checkOrderCode } from '../domain/order-code';
import { isValidEan13 } from '../domain/ean13';

/** Building blocks shared by every schema of the sync and admin API. */
export const Uuid = z.uuid();
export const Kopecks = z.number().int().safe();
export const NonNegativeKopecks = Kopecks.nonnegative();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const BranchCode = z.string().regex(/^[A-Z0-9]{2,8}$/, 'branch code: 2–8 capital letters or digits');
export const Sku = z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'sku: 1–40 letters, digits, dot, dash or underscore');
export const Ean13 = z.string().refine(isValidEan13, 'EAN-13: 13 digits with a valid check digit');
export const OrderCode = z
  .string()
  .refine((s) => { const c = checkOrderCode(s); return c.ok && c.code === s; }, 'order code: 8 digits with a valid check digit');
export const ShortText = (max: number) => z.string().trim().min(1).max(max);

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
