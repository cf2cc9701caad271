import { z } from 'zod';
import { CardHash, CardNumber } from '../customers';
import { IsoDateTime, Uuid } from '../common';
import { maskCard } from '../../domain/mask';
import { defineKind } from './kind';

/** What a card holder may ask the kiosks to remember: this visit's settings, nothing else. */
export const RememberedPrefs = z.object({
  lang: z.enum(['ru', 'en']),
  large: z.boolean(),
  contrast: z.boolean(),
  voice: z.boolean(),
}).strict();
export type RememberedPrefs = z.infer<typeof RememberedPrefs>;

/**
 * A kiosk names the card by its keyed hash, as it holds it (passbook-printed.ts says why);
 * `cardNumber` is a tablet's, whose staff typed or scanned the card, and an older kiosk's.
 */
export const CustomerPreferencesPayload = z.object({
  cardHash: CardHash.optional().describe('the card by its number’s hash keyed with the branch’s key (a kiosk’s)'),
  cardNumber: CardNumber.optional().describe('the card’s number (a tablet’s; a kiosk’s queued before the keyed hash)'),
  /** null: «Забыть меня», the preferences and the consent erased */
  preferences: RememberedPrefs.nullable(),
  consent: z.object({ at: IsoDateTime, version: z.string().min(1).max(20) }).strict().nullable(),
  /** a tablet's: the staff member who erased them at the customer's request */
  staffSessionId: Uuid.optional(),
}).strict()
  .refine((p) => (p.cardHash === undefined) !== (p.cardNumber === undefined), { message: 'name the card by cardHash or cardNumber, one of them', path: ['cardHash'] })
  .refine((p) => (p.preferences === null) === (p.consent === null), { message: 'preferences go with the consent that allowed them, and only with it', path: ['consent'] });
export type CustomerPreferencesPayload = z.infer<typeof CustomerPreferencesPayload>;

/**
 * customer.preferences: a card holder said «Да» to being remembered at a kiosk (their
 * settings, the time and the consent text's version), or «Забыть меня» at a kiosk or to
 * staff at a tablet (all erased). Applied in order; every kiosk's cache follows through its
 * next pull.
 */
export const customerPreferences = defineKind({
  kind: 'customer.preferences',
  payload: CustomerPreferencesPayload,
  senders: ['kiosk', 'tablet'],
  touches: () => [],
  staff: { roles: ['associate', 'supervisor'], session: (p) => p.staffSessionId ?? null, subject: (p) => (p.cardNumber ? maskCard(p.cardNumber) : 'card by hash') },
});
