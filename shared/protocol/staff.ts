import { z } from 'zod';
import { IsoDateTime, Uuid } from './common';

export const StaffRole = z.enum(['associate', 'supervisor']);
export type StaffRole = z.infer<typeof StaffRole>;

/** The header a staff request carries beside the tablet's device token. */
export const STAFF_SESSION_HEADER = 'x-staff-session';

/** POST /api/v1/staff/sessions (a tablet's device token): a staff member signs in. */
export const StaffSignInRequest = z.object({
  employeeNo: z.string().regex(/^\d{3,8}$/, 'employeeNo: 3–8 digits'),
  pin: z.string().regex(/^\d{4,8}$/, 'pin: 4–8 digits'),
}).strict();
export type StaffSignInRequest = z.infer<typeof StaffSignInRequest>;

/**
 * What a tablet may check a PIN against while it is offline, for this session only: a
 * PBKDF2-SHA256 of the PIN with a salt of the session's own. Never the stored PIN hash
 * (Odoo sent every employee's to the client); it dies with the session.
 */
export const UnlockVerifier = z.object({
  algorithm: z.literal('pbkdf2-sha256'),
  iterations: z.number().int().min(10_000),
  salt: z.string().describe('base64'),
  hash: z.string().describe('base64, 32 bytes'),
});
export type UnlockVerifier = z.infer<typeof UnlockVerifier>;

export const StaffSession = z.object({
  sessionId: Uuid,
  sessionToken: z.string().describe('sent as X-Staff-Session beside the device token; shown once'),
  expiresAt: IsoDateTime,
  staff: z.object({ id: Uuid, employeeNo: z.string(), name: z.string(), role: StaffRole }),
  unlockVerifier: UnlockVerifier.describe('added to the contract: lets the tablet unlock offline after its idle lock'),
});
export type StaffSession = z.infer<typeof StaffSession>;

export const SignedOut = z.object({ ended: z.literal(true) });

/** POST /api/v1/staff/sessions/current/unlock: the PIN again, after the tablet locked itself. */
export const UnlockRequest = z.object({ pin: z.string().regex(/^\d{4,8}$/, 'pin: 4–8 digits') }).strict();
export const Unlocked = z.object({ unlocked: z.literal(true) });
/** POST /api/v1/staff/sessions/current/lock: the tablet locked itself (for the audit log). */
export const Locked = z.object({ locked: z.literal(true) });
