import type { z } from 'zod';
import type { DeviceRole } from '../enroll';

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

/**
 * Who may send a kind. Device roles today; the staff tablet issue adds staff roles
 * (associate, supervisor), checked against the staff session named in the payload.
 */
export type Sender = DeviceRole;

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
};

export function defineKind<K extends string, S extends z.ZodType>(descriptor: {
  kind: K;
  payload: S;
  senders: readonly Sender[];
  touches(payload: z.infer<S>): PendingKey[];
}) {
  return descriptor;
}
