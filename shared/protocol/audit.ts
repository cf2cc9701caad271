import { z } from 'zod';
import { CalendarDate, IsoDateTime } from './common';

/** One staff action as a supervisor reads it: ids and masked data only. */
export const AuditEntry = z.object({
  occurredAt: IsoDateTime.describe('when it happened on the device'),
  recordedAt: IsoDateTime.describe('when the server learned of it (later for work done offline)'),
  staffName: z.string().nullable().describe('null for a sign-in attempt with an unknown number'),
  employeeNo: z.string().nullable(),
  device: z.string().nullable().describe('null for an action from the server’s CLI'),
  action: z.string().describe('sign-in, sign-in-failed, sign-in-locked, sign-out, lock, unlock, unlock-failed, number-unlocked (subject: the number), or the transaction kind; added (issue 22): staff-added, pin-reset, pin-set, pin-set-failed, sign-in-deactivated, staff-deactivated, staff-reactivated, sessions-ended (subject: the number; by employee number "cli": the IT team), device-revoked, revoked-work-reviewed, replacement-code-made, device-replaced, device-token-rotated (subject: the device), branch-created'),
  subject: z.string().nullable().describe('an order code, a receipt number, a request id'),
  callKiosk: z.string().nullable().default(null).describe('added (issue 24): for a call taken or closed, the kiosk that called (its subject is only the call’s id)'),
  refusedKind: z.string().nullable().default(null).describe('added (issue 24): for a refusal resolved, the kind of the refused transaction'),
  documentKind: z.enum(['pickup', 'sale', 'refund', 'passbook']).nullable().default(null).describe('added (issue 24): for a copy printed, the kind of paper copied'),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A page of the day's entries: a busy day (a number tried all day long) has tens of thousands. */
export const AUDIT_PAGE = 200;
export const AuditQuery = z.object({
  date: CalendarDate.optional().describe('the branch’s day; today when left out'),
  after: z.string().regex(/^\d{1,19}$/, 'after: the `next` of the page before').optional().describe('added (issue 21): the page after the one whose `next` this is'),
  limit: z.coerce.number().int().min(1).max(500).default(AUDIT_PAGE).describe('added (issue 21): entries a page holds at most'),
});
export const AuditDay = z.object({
  date: z.string(),
  entries: z.array(AuditEntry).describe('oldest first, one page'),
  next: z.string().nullable().default(null).describe('added (issue 21): ask with ?after= this for the next page; null when the day has no more'),
});
export type AuditDay = z.infer<typeof AuditDay>;
