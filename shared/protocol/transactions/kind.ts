import type { z } from 'zod';
import type { DeviceRole } from '../enroll';
import type { StaffRole } from '../staff';

/**
 * Local state a queued transaction has changed on the device and the server has not
 * confirmed yet. While the transaction waits in the outbox, a pull must not overwrite
 * it; when the server rejects the transaction, the device re-reads it from the server.
 * One entity kind so far; the passbook and sales add theirs.
 */
export type PendingEntity = 'order';
export type PendingKey = { entity: PendingEntity; key: string };

/** The same key as one string, for sets: `order:47110004`. */
export function pendingKeyText(entity: PendingEntity, key: string): string {
  return `${entity}:${key}`;
}

/** Which devices may send a kind. */
export type Sender = DeviceRole;

/**
 * A kind a signed-in staff member authors: its payload names the staff session
 * (`staffSessionId`), and the server accepts it only if that session was opened on the
 * pushing device, was valid when the transaction happened, and its role is one of
 * `roles` (reasons `staff-session-invalid`, `role-forbidden`). A kind both devices and
 * staff send (a handover: a kiosk's, or a tablet's with an ID check) names no session
 * when a device sends it on its own: `session` returns null.
 */
export type StaffAuthored<P> = {
  roles: readonly StaffRole[];
  /** narrower roles for some payloads (moving a book to a new card: supervisors only); `roles` otherwise */
  rolesFor?(payload: P): readonly StaffRole[];
  session(payload: P): string | null;
  /** what the audit log names the action by: an order code, a receipt number, a request id (never personal data) */
  subject(payload: P): string;
};

/**
 * Everything the system knows about one transaction kind, in one place: its payload, who
 * may send it, and what it keeps pending on the device. The sync engine reads these and
 * never a payload field; the server's applier for the kind (server/services/sync/) holds
 * its business rules.
 */
export type KindDescriptor<K extends string, P> = {
  kind: K;
  payload: z.ZodType<P>;
  senders: readonly Sender[];
  touches(payload: P): PendingKey[];
  staff?: StaffAuthored<P>;
};

export function defineKind<K extends string, S extends z.ZodType>(descriptor: {
  kind: K;
  payload: S;
  senders: readonly Sender[];
  touches(payload: z.infer<S>): PendingKey[];
  staff?: StaffAuthored<z.infer<S>>;
}) {
  return descriptor;
}
