import { z } from 'zod';
import { IsoDateTime, NonNegativeKopecks, ShortText, Uuid } from './common';
import { PaperDocumentSchema } from './paper';

/**
 * "Показать покупателю" on a kiosk: the tablet sends the cart to a kiosk of its branch; the
 * kiosk shows it only on its welcome screen (never in another customer's visit) and the
 * customer's answer comes back to the tablets as the event `cart.answered`.
 */
export const ConfirmationRequest = z.object({
  confirmationId: Uuid,
  kiosk: z.string().min(1).max(20).describe('the kiosk’s device code, e.g. MSK1-K02'),
  lang: z.enum(['ru', 'en']),
  lines: z.array(z.object({ name: ShortText(120), qty: z.number().int().min(1).max(999), priceKopecks: NonNegativeKopecks })).min(1).max(100),
  totalKopecks: NonNegativeKopecks,
}).strict();
export type ConfirmationRequest = z.infer<typeof ConfirmationRequest>;

export const ConfirmationSent = z.object({ confirmationId: Uuid, kiosk: z.string(), expiresAt: IsoDateTime });
export type ConfirmationSent = z.infer<typeof ConfirmationSent>;

/** busy: the kiosk was in another customer's visit and did not show the cart. */
export const ConfirmationAnswer = z.object({ answer: z.enum(['confirmed', 'cancelled', 'busy']) }).strict();
export type ConfirmationAnswer = z.infer<typeof ConfirmationAnswer>;
export const ConfirmationAnswered = z.object({ confirmationId: Uuid, answer: ConfirmationAnswer.shape.answer });

/** GET /api/v1/devices/kiosks: the kiosks of the tablet's branch, to choose one. */
export const KioskList = z.object({ kiosks: z.array(z.object({ code: z.string(), place: z.string().nullable() })) });
export type KioskList = z.infer<typeof KioskList>;

/** The paper of the confirmed sale, to print at the kiosk where the customer stands (once). */
export const ConfirmationPrint = z.object({ documents: z.array(PaperDocumentSchema).min(1).max(60) }).strict();
export type ConfirmationPrint = z.infer<typeof ConfirmationPrint>;
/** What the kiosk's printer did with it: ok, or its problem in the host's words. */
export const ConfirmationPrinted = z.object({ outcome: z.enum(['ok', 'paper-out', 'cover-open', 'offline', 'maybe-printed', 'failed']) }).strict();
export type ConfirmationPrinted = z.infer<typeof ConfirmationPrinted>;
export const PrintSent = z.object({ confirmationId: Uuid, sent: z.literal(true) });
export const PrintReported = z.object({ confirmationId: Uuid, outcome: ConfirmationPrinted.shape.outcome });
/** GET /api/v1/confirmations/{id} for the kiosk it was sent to: still open? (a reload replays the day's events) */
export const ConfirmationState = z.object({ confirmationId: Uuid, open: z.boolean() });
