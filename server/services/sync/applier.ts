import type { Queryable } from '../../db/db';
import type { PayloadMap, RejectReason, TransactionKind } from '../../../shared/protocol';
import type { DeviceRow } from '../../repositories/device-repo';

/** A transaction that passed its kind's schema and has not been seen before. */
export type NewTransaction<P> = { id: string; seq: number; occurredAt: string; payload: P };

/**
 * How one transaction kind changes the central state. The push service hands a kind's
 * applier each run of that kind's new transactions, in seq order, inside the batch's
 * database transaction. The applier locks what they touch, decides each one in order
 * (a later one sees an earlier one's effect), applies the accepted ones set-based, and
 * returns the rejected ones with their reasons. The push service then writes every log
 * row in the same database transaction, so effects and log commit together or not at all.
 *
 * Deciding and applying are one call so that what the decision read (an order's total,
 * say) is at hand when applying, without reading it again.
 */
export interface Applier<P> {
  apply(q: Queryable, device: DeviceRow, txs: NewTransaction<P>[]): Promise<Map<string, RejectReason>>;
}

/** One applier per kind, each typed by its own payload: a kind without one does not compile. */
export type ApplierMap = { [K in TransactionKind]: Applier<PayloadMap[K]> };

/** A run of consecutive new transactions of one kind, typed by that kind. */
export type Run<K extends TransactionKind = TransactionKind> = { [P in K]: { kind: P; txs: NewTransaction<PayloadMap[P]>[] } }[K];

/** A run of one kind's transactions, as the union member of that kind. */
export function runOf<K extends TransactionKind>(kind: K, txs: NewTransaction<PayloadMap[K]>[]): Run {
  return { kind, txs } as Run;
}
