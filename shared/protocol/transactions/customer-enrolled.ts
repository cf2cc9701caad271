import { z } from 'zod';
import { maskCard } from '../../domain/mask';
import { IsoDateTime, Uuid } from '../common';
import { CardNumber } from '../customers';
import { defineKind } from './kind';

export const CustomerEnrolledPayload = z.object({
  customerId: Uuid.describe('made by the tablet: the card holder'),
  cardNumber: CardNumber.describe('the blank card from the branch’s stock, scanned'),
  secretHash: z.string().regex(/^[0-9a-f]{64}$/).describe('the hash of the secret inside the card’s code, salted with its number (the secret itself never travels)'),
  shortName: z.string().trim().min(2).max(40).describe('«Иван П.»'),
  ledgerConsent: z.object({ at: IsoDateTime, version: z.string().min(1).max(20) }).strict().describe('the customer agreed that the branch keeps their ledger'),
  /** a lost card: the holder's old card is blocked, and this one continues the same book */
  replacesCard: CardNumber.optional(),
  /**
   * How a supervisor knows the old card is the customer's to move: its code scanned (the
   * hash of the secret inside it, as the server keeps it), or the card reported lost by the
   * supervisor (recorded in the audit log). A card number alone moves nobody's book.
   */
  replaceProof: z.discriminatedUnion('by', [
    z.object({ by: z.literal('card-scanned'), secretHash: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    z.object({ by: z.literal('reported-lost') }).strict(),
  ]).optional().describe('added to the contract: required with replacesCard'),
  staffSessionId: Uuid,
}).strict()
  .refine((p) => p.replacesCard !== p.cardNumber, { message: 'a card cannot replace itself', path: ['replacesCard'] })
  .refine((p) => (p.replacesCard === undefined) === (p.replaceProof === undefined), { message: 'a replaced card goes with how the supervisor knows it is the customer’s (replaceProof), and only with it', path: ['replaceProof'] });
export type CustomerEnrolledPayload = z.infer<typeof CustomerEnrolledPayload>;

/**
 * customer.enrolled: staff issue a passbook card at the tablet, with the customer's consent
 * to keep the ledger; or a new card for a lost one (the old card is blocked, the book and
 * its mark carry on). A card that already has a holder, or was blocked, is `card-in-use`.
 */
export const customerEnrolled = defineKind({
  kind: 'customer.enrolled',
  payload: CustomerEnrolledPayload,
  senders: ['tablet'],
  touches: () => [],
  staff: {
    roles: ['associate', 'supervisor'],
    // Moving someone's book to a new card is a supervisor's, with the old card's proof.
    rolesFor: (p) => (p.replacesCard ? ['supervisor'] : ['associate', 'supervisor']),
    session: (p) => p.staffSessionId,
    subject: (p) => (p.replacesCard ? `${maskCard(p.replacesCard)} → ${maskCard(p.cardNumber)}${p.replaceProof?.by === 'reported-lost' ? ' (утеряна)' : ''}` : maskCard(p.cardNumber)),
  },
});
