import type { z } from 'zod';
import type { StaffRole } from '../staff';
import type { KindDescriptor, PendingKey } from './kind';
import { assistanceAccepted } from './assistance-accepted';
import { assistanceCancelled, assistanceResolved } from './assistance-closed';
import { assistanceRequested } from './assistance-requested';
import { customerEnrolled } from './customer-enrolled';
import { customerPreferences } from './customer-preferences';
import { documentReprinted } from './document-reprinted';
import { orderPaid } from './order-paid';
import { orderReturned } from './order-returned';
import { passbookPrinted } from './passbook-printed';
import { orderPickedUp } from './order-picked-up';
import { pickupBrought, pickupLeft, pickupWaiting } from './pickup-counter';
import { rejectionResolved } from './rejection-resolved';
import { saleCompleted, saleRefunded } from './sale';
import { staffSignedOut } from './staff-signed-out';

export * from './kind';
export * from './assistance-accepted';
export * from './assistance-closed';
export * from './assistance-requested';
export * from './customer-enrolled';
export * from './customer-preferences';
export * from './document-reprinted';
export * from './order-paid';
export * from './order-returned';
export * from './passbook-printed';
export * from './order-picked-up';
export * from './pickup-counter';
export * from './rejection-resolved';
export * from './sale';
export * from './staff-signed-out';

/**
 * Every transaction kind, by name. Adding a kind: its descriptor file here and one line
 * below, its applier in server/services/sync/ and one line in appliers.ts, their tests
 * (shared/README.md), and its golden fixture (test/fixtures/releases/). A server that does
 * not know a kind answers that transaction "deferred" (the device keeps it and sends it
 * again later) and applies the rest, so a newer device neither stalls nor loses work on
 * an older server (docs/architecture.md, "Compatibility").
 */
const KINDS = {
  'order.pickedUp': orderPickedUp,
  'order.paid': orderPaid,
  'assistance.requested': assistanceRequested,
  'assistance.accepted': assistanceAccepted,
  'assistance.resolved': assistanceResolved,
  'assistance.cancelled': assistanceCancelled,
  'pickup.waiting': pickupWaiting,
  'pickup.brought': pickupBrought,
  'pickup.left': pickupLeft,
  'sale.completed': saleCompleted,
  'sale.refunded': saleRefunded,
  'order.returned': orderReturned,
  'rejection.resolved': rejectionResolved,
  'document.reprinted': documentReprinted,
  'passbook.printed': passbookPrinted,
  'customer.preferences': customerPreferences,
  'customer.enrolled': customerEnrolled,
  'staff.signedOut': staffSignedOut,
} as const;

export type TransactionKind = keyof typeof KINDS;
export type PayloadMap = { [K in TransactionKind]: z.infer<(typeof KINDS)[K]['payload']> };
export type Descriptors = { [K in TransactionKind]: KindDescriptor<K, PayloadMap[K]> };

/** Typed by kind, so `TRANSACTION_KINDS[k]` goes with `PayloadMap[k]` without casts. */
export const TRANSACTION_KINDS: Descriptors = KINDS;

export function isTransactionKind(kind: string): kind is TransactionKind {
  return Object.hasOwn(TRANSACTION_KINDS, kind);
}

/** A transaction with its kind and payload together: one member per kind. */
export type TypedTransaction<K extends TransactionKind = TransactionKind> = { [P in K]: { kind: P; payload: PayloadMap[P] } }[K];

/**
 * A kind and its payload as one `TypedTransaction`. TypeScript cannot see by itself that
 * `{ kind: K, payload: PayloadMap[K] }` is a member of the union for a generic K; it is,
 * by the types of the arguments, so this one assertion stands for every kind.
 */
export function typedTransaction<K extends TransactionKind>(kind: K, payload: PayloadMap[K]): TypedTransaction {
  return { kind, payload } as TypedTransaction;
}

/** What a transaction keeps pending on the device, from its kind's descriptor. */
export function touchedBy<K extends TransactionKind>(tx: { kind: K; payload: PayloadMap[K] }): PendingKey[] {
  return TRANSACTION_KINDS[tx.kind].touches(tx.payload);
}

/** The staff session a staff-authored transaction names, or null for a device's own kind. */
export function staffSessionOf<K extends TransactionKind>(tx: { kind: K; payload: PayloadMap[K] }): string | null {
  const staff = TRANSACTION_KINDS[tx.kind].staff;
  return staff ? staff.session(tx.payload) : null;
}

/** What the audit log names a staff-authored transaction by; null for a device's own kind. */
export function staffSubjectOf<K extends TransactionKind>(tx: { kind: K; payload: PayloadMap[K] }): string | null {
  const staff = TRANSACTION_KINDS[tx.kind].staff;
  return staff ? staff.subject(tx.payload) : null;
}

/** The staff roles that may author a staff kind; null for a device's own kind. */
export function staffRolesOf(kind: TransactionKind): readonly StaffRole[] | null {
  return TRANSACTION_KINDS[kind].staff?.roles ?? null;
}

/** The staff roles that may author this very transaction (a kind may narrow them by its payload); null for a device's own kind. */
export function staffRolesFor<K extends TransactionKind>(tx: { kind: K; payload: PayloadMap[K] }): readonly StaffRole[] | null {
  const staff = TRANSACTION_KINDS[tx.kind].staff;
  return staff ? (staff.rolesFor?.(tx.payload) ?? staff.roles) : null;
}

/** Whether a device of this role may send the kind at all. */
export function maySend(kind: TransactionKind, role: KindDescriptor<string, unknown>['senders'][number]): boolean {
  return TRANSACTION_KINDS[kind].senders.includes(role);
}
