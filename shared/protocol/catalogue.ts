import { z } from 'zod';
import { BranchCode, Ean13, IsoDateTime, Kopecks, LineQty, MAX_LINES, OrderCode, PriceKopecks, ShortText, Sku } from './common';
import { isScanSecret, SCAN_SECRET_LENGTH } from '../domain/scan-code';
import { CardNumber } from './customers';

export const ProductInput = z.object({
  ean13: Ean13,
  nameRu: ShortText(120),
  nameEn: ShortText(120),
  model: z.string().trim().max(60).optional(),
  priceKopecks: PriceKopecks,
  warrantyMonths: z.number().int().min(0).max(120),
  serialRequired: z.boolean(),
});
export type ProductInput = z.infer<typeof ProductInput>;

export const Product = ProductInput.extend({ sku: Sku, updatedAt: IsoDateTime });
export type Product = z.infer<typeof Product>;

export const OrderStatus = z.enum(['ready', 'picked_up', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderItem = z.object({
  sku: Sku,
  name: ShortText(120),
  quantity: LineQty,
  priceKopecks: PriceKopecks,
});
export type OrderItem = z.infer<typeof OrderItem>;

/** PUT /api/v1/admin/orders/{code}: what the online shop sends about a pickup order. */
export const OrderInput = z.object({
  branchCode: BranchCode,
  customerName: ShortText(120).describe('full name; the server keeps only the short form "Иван П."'),
  phone: z.string().regex(/^\+?[\d\s()-]{10,20}$/, 'phone: 10–11 digits, e.g. +7 916 123-45-67'),
  items: z.array(OrderItem).min(1).max(MAX_LINES),
  paid: z.boolean(),
  shelf: z.string().trim().max(20).optional(),
  status: OrderStatus.default('ready'),
  source: z.string().trim().max(60).optional().describe('the online shop or partner that took the order'),
  scanSecret: z
    .string()
    .refine(isScanSecret, `scanSecret: ${SCAN_SECRET_LENGTH} characters of Crockford base32 (digits and A–Z without I, L, O, U)`)
    .optional()
    .describe('the secret in the order’s QR code, "<code>-<secret>"; only its hash is kept. Without one, a scan is confirmed with the phone digits like a typed code'),
  customerCard: CardNumber.optional().describe('a passbook card holder’s order: its handover adds the purchase and its payment to their book (never sent to devices)'),
});
export type OrderInput = z.infer<typeof OrderInput>;

/** A pickup order as a branch device sees it: minimal personal data (152-ФЗ). */
export const Order = z.object({
  code: OrderCode,
  status: OrderStatus,
  customerShortName: z.string(),
  phoneMasked: z.string(),
  phoneLast4Hash: z.string().describe('phoneLast4Hash(code, last 4 digits): lets the kiosk check offline'),
  scanSecretHash: z.string().nullable().default(null).describe('scanSecretHash(code, secret) of the QR code; null: scans need the phone digits'),
  items: z.array(OrderItem),
  totalKopecks: Kopecks,
  paid: z.boolean(),
  paidBy: z.enum(['online', 'cash', 'card']).nullable().optional()
    .describe('how it was paid: online when ordered, or at the desk in cash or by card; null: not paid (left out by older servers: online if paid). What the receipt says.'),
  shelf: z.string().nullable(),
  source: z.string().nullable(),
  updatedAt: IsoDateTime,
});
export type Order = z.infer<typeof Order>;

/**
 * Shoppers' words the back office adds to the tablet's search: a word people say, and the
 * catalogue's words for it («ветродуй» → «вентилятор»). Lower case; ё may be written either way.
 */
export const ShopperWords = z.object({
  words: z.record(z.string().trim().toLowerCase().min(2).max(40), ShortText(120)).refine((w) => Object.keys(w).length <= 2000, 'at most 2,000 words'),
});
export type ShopperWords = z.infer<typeof ShopperWords>;

/**
 * POST /api/v1/orders/{code}/phone-check (a kiosk's, online): the last 4 digits of the
 * order's phone, checked and counted on the server per order, whatever kiosk or visit
 * they come from. 423 with `lockedUntil` once too many were wrong; offline, the kiosk
 * checks against the order's keyed hash itself.
 */
export const PhoneCheckRequest = z.object({ last4: z.string().regex(/^\d{4}$/, 'last4: 4 digits') }).strict();
export const PhoneCheckResult = z.object({ match: z.boolean(), attemptsLeft: z.number().int().min(0) });
export type PhoneCheckResult = z.infer<typeof PhoneCheckResult>;
