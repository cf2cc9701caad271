import type { Queryable } from '../../db/db';
import type { RejectReason } from '../../../shared/protocol';
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
