import { z } from 'zod';
import { Uuid } from '../common';
import { defineKind } from './kind';

/** Why a tablet ended a staff session on its own side. */
export const SessionEndReason = z.enum([
  'signed-out', // the staff member pressed «Выйти» (or another person signed them out at the lock)
  'expired', // the session's shift (expiresAt) ran out on the tablet
  'reloaded', // the page was reloaded or closed: the session's key, held in memory only, is gone
]);
export type SessionEndReason = z.infer<typeof SessionEndReason>;

export const StaffSignedOutPayload = z.object({ staffSessionId: Uuid, reason: SessionEndReason }).strict();
export type StaffSignedOutPayload = z.infer<typeof StaffSignedOutPayload>;

/**
 * staff.signedOut: a session ended on the tablet, queued in the outbox like any other
 * transaction, so its place in the device's sequence is known. The server refuses every
 * staff transaction of that session with a later seq, whatever time it claims: a payment
 * made after sign-out cannot be back-dated into the session's hours. The tablet's own
 * (senders: tablet) and never signed: ending a session only ever takes authority away.
 */
export const staffSignedOut = defineKind({
  kind: 'staff.signedOut',
  payload: StaffSignedOutPayload,
  senders: ['tablet'],
  touches: () => [],
});
