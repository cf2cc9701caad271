import type { RejectReason, RejectionResolvedPayload } from '../../../shared/protocol';
import type { EventRepo } from '../../repositories/event-repo';
import type { RejectionRepo, ResolutionToApply } from '../../repositories/rejection-repo';
import type { Applier } from './applier';

/**
 * rejection.resolved: a supervisor closes a rejected transaction of the branch. The
 * rejected transactions are locked first, so two supervisors resolving the same one at
 * once (offline, then syncing together) get one resolution and one `already-resolved`.
 * A correction names an applied transaction of the branch (`unknown-correction` if not).
 * Every tablet hears `rejection.resolved` and drops it from its list.
 */
export function createRejectionResolved(deps: { rejections: Pick<RejectionRepo, 'lock' | 'appliedOfBranch' | 'insertResolutions'>; events: Pick<EventRepo, 'append'> }): Applier<RejectionResolvedPayload> {
  return {
    async apply(q, device, txs) {
      const locked = await deps.rejections.lock(q, [...new Set(txs.map((t) => t.payload.transactionId))]);
      const corrections = await deps.rejections.appliedOfBranch(q, device.branchId, txs.flatMap((t) => (t.payload.correctingTransactionId ? [t.payload.correctingTransactionId] : [])));
      const rejected = new Map<string, RejectReason>();
      const resolutions: ResolutionToApply[] = [];
      for (const tx of txs) {
        const p = tx.payload;
        const rejection = locked.get(p.transactionId);
        const reason: RejectReason | null = !rejection ? 'unknown-rejection'
          : rejection.branchId !== device.branchId ? 'other-branch'
          : rejection.resolved ? 'already-resolved'
          : p.correctingTransactionId && !corrections.has(p.correctingTransactionId) ? 'unknown-correction'
          : null;
        if (reason || !rejection) {
          rejected.set(tx.id, reason ?? 'unknown-rejection');
          continue;
        }
        rejection.resolved = true; // a second resolution in the same batch sees this one
        resolutions.push({
          transactionId: p.transactionId, resolutionTx: tx.id, action: p.action, note: p.note,
          correctingTx: p.correctingTransactionId ?? null, staffSessionId: p.staffSessionId, resolvedAt: tx.occurredAt,
        });
      }
      await deps.rejections.insertResolutions(q, resolutions);
      await deps.events.append(q, device.branchId, resolutions.map((r) => ({ audience: 'staff' as const, name: 'rejection.resolved', data: { transactionId: r.transactionId, action: r.action } })));
      return rejected;
    },
  };
}
