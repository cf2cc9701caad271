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
  publicKey: z.string().min(40).max(400).regex(/^[A-Za-z0-9+/]+=*$/, 'publicKey: base64').optional()
    .describe('added to the contract: the session key’s public half (ECDSA P-256, SPKI, base64). The tablet makes the pair at sign-in and keeps the private half non-extractable; every staff transaction of the session is signed with it. A session opened without one reads but authors nothing'),
}).strict();
export type StaffSignInRequest = z.infer<typeof StaffSignInRequest>;

/**
 * What a locked tablet may check its offline unlock code against, for this session only:
 * a PBKDF2-SHA256 of the session's unlock code (never of the sign-in PIN: a verifier
 * of a 4-digit PIN falls to a brute force in minutes and would be a sign-in anywhere),
 * with a salt of the session's own. It dies with the session.
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
  unlockVerifier: UnlockVerifier.describe('added to the contract: lets the tablet unlock offline after its idle lock, with unlockCode'),
  unlockCode: z.string().regex(/^\d{4}$/).describe('added to the contract: the code that opens this session’s lock while the server cannot be reached, shown to the staff member at sign-in; it opens nothing else'),
  offlineUnlockAttempts: z.number().int().min(1).describe('added to the contract: wrong unlock codes allowed offline before only the server can unlock'),
});
export type StaffSession = z.infer<typeof StaffSession>;

export const SignedOut = z.object({ ended: z.literal(true) });
/** DELETE /api/v1/staff/sessions/current: the seq of the staff.signedOut the tablet queued, so the session's end is known before it arrives. */
export const SignOutQuery = z.object({
  endSeq: z.coerce.number().int().min(1).safe().optional().describe('added to the contract: the seq of the tablet’s staff.signedOut; the session’s staff transactions after it are refused'),
}).strict();

/** POST /api/v1/staff/{employeeNo}/unlock (a supervisor), or the CLI's `unlock-staff`: a locked number opens again. */
export const EmployeeNoParams = z.object({ employeeNo: z.string().regex(/^\d{3,8}$/, 'employeeNo: 3–8 digits') }).strict();
export const NumberUnlocked = z.object({ employeeNo: z.string(), wasLocked: z.boolean() });
export type NumberUnlocked = z.infer<typeof NumberUnlocked>;

/** POST /api/v1/staff/sessions/current/unlock: the PIN again, after the tablet locked itself. */
export const UnlockRequest = z.object({ pin: z.string().regex(/^\d{4,8}$/, 'pin: 4–8 digits') }).strict();
export const Unlocked = z.object({ unlocked: z.literal(true) });
/** POST /api/v1/staff/sessions/current/lock: the tablet locked itself (for the audit log). */
export const Locked = z.object({ locked: z.literal(true) });

/**
 * POST /api/v1/staff/pin (added, issue 22): a person sets their own PIN on a tablet with
 * the one-time code a supervisor or the IT team gave them (a new colleague, or a reset).
 * No staff session: they have no PIN yet. Wrong codes count and lock like wrong PINs.
 */
export const PinSetupRequest = z.object({
  employeeNo: z.string().regex(/^\d{3,8}$/, 'employeeNo: 3–8 digits'),
  setupCode: z.string().transform((s) => s.replace(/\s/g, '')).pipe(z.string().regex(/^\d{8}$/, 'setupCode: the 8 digits of the code')),
  newPin: z.string().regex(/^\d{4,8}$/, 'newPin: 4–8 digits')
    .refine((p) => !/^(\d)\1+$/.test(p), 'newPin: not one digit repeated')
    .refine((p) => !'0123456789'.includes(p) && !'9876543210'.includes(p), 'newPin: not a run of digits like 1234'),
}).strict();
export type PinSetupRequest = z.input<typeof PinSetupRequest>;
export const PinSetupDone = z.object({ employeeNo: z.string(), pinSet: z.literal(true) });
export type PinSetupDone = z.infer<typeof PinSetupDone>;

/** GET /api/v1/staff/members (a supervisor, added in issue 22): the branch's staff and their state. */
export const StaffMember = z.object({
  employeeNo: z.string(),
  name: z.string(),
  role: StaffRole,
  active: z.boolean().describe('false: deactivated, signs in nowhere'),
  pin: z.enum(['set', 'waiting-for-code', 'code-expired']).describe('waiting-for-code: added or reset, the person has not set their PIN yet'),
  openSessions: z.number().int(),
});
export type StaffMember = z.infer<typeof StaffMember>;
export const StaffMemberList = z.object({ members: z.array(StaffMember) });
export type StaffMemberList = z.infer<typeof StaffMemberList>;

/** POST /api/v1/staff/members/{employeeNo}/{action} (a supervisor): what the action did. */
export const StaffMemberAction = z.enum(['reset-pin', 'deactivate', 'reactivate', 'end-sessions']);
export type StaffMemberAction = z.infer<typeof StaffMemberAction>;
export const StaffMemberActionDone = z.object({
  employeeNo: z.string(),
  action: StaffMemberAction,
  sessionsEnded: z.number().int(),
  pinSetupCode: z.string().regex(/^\d{8}$/).nullable().describe('reset-pin: the one-time code to hand to the person (shown once)'),
  pinSetupExpiresAt: IsoDateTime.nullable(),
});
export type StaffMemberActionDone = z.infer<typeof StaffMemberActionDone>;
