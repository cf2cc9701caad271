import type { DocumentReprintedPayload, RejectReason } from '../../../shared/protocol';
import type { DocumentRepo } from '../../repositories/document-repo';
import type { EventRepo } from '../../repositories/event-repo';
import type { Applier } from './applier';

/** document.reprinted: a copy staff printed, recorded once; a number the branch never issued is refused; the tablets hear it. */
export function createDocumentReprinted(deps: { documents: Pick<DocumentRepo, 'issued' | 'insertReprints'>; events: Pick<EventRepo, 'append'> }): Applier<DocumentReprintedPayload> {
  return {
    async apply(q, device, txs) {
      const issued = await deps.documents.issued(q, device.branchId, [...new Set(txs.map((t) => t.payload.receiptNumber))]);
      const rejected = new Map<string, RejectReason>();
      const rows = [];
      for (const tx of txs) {
        if (!issued.has(tx.payload.receiptNumber)) { rejected.set(tx.id, 'unknown-document'); continue; }
        rows.push({ txId: tx.id, receiptNumber: tx.payload.receiptNumber, printedOn: tx.payload.printedOn, staffSessionId: tx.payload.staffSessionId, at: tx.occurredAt });
      }
      await deps.documents.insertReprints(q, device.branchId, rows);
      // The tablets' lists of documents that may not have printed drop the copied ones.
      await deps.events.append(q, device.branchId, rows.map((r) => ({ audience: 'staff' as const, name: 'document.reprinted', data: { receiptNumber: r.receiptNumber, printedOn: r.printedOn } })));
      return rejected;
    },
  };
}
