import type { Queryable } from '../../db/db';
import type { RejectReason } from '../../../shared/protocol';
import type { DeviceRow } from '../../repositories/device-repo';

/** A transaction that passed its kind's schema and has not been seen before. */
export type NewTransaction<P> = { id: string; seq: number; occurredAt: string; payload: P };

/**
 * How one transaction kind changes the central state. The push service calls `decide`
 * for a batch's new transactions of this kind (in seq order, inside the batch's database
 * transaction, after locking what they touch), records every outcome, then calls `apply`
 * with the accepted ones. Both run in the same database transaction as the log rows, so a
 * transaction's effects and its log row commit together or not at all.
 */
export interface Applier<P> {
  decide(q: Queryable, device: DeviceRow, txs: NewTransaction<P>[]): Promise<Map<string, RejectReason>>;
  apply(q: Queryable, device: DeviceRow, txs: NewTransaction<P>[]): Promise<void>;
}
