import type { CustomerEnrolledPayload, RejectReason } from '../../../shared/protocol';
import type { CustomerRepo } from '../../repositories/customer-repo';
import type { EventRepo } from '../../repositories/event-repo';
import type { Applier } from './applier';

/**
 * customer.enrolled: a card issued at the tablet. A new holder gets an empty book; a card
 * for a lost one blocks the old card and carries the same book on (its lines and mark),
 * and every kiosk drops the old card's holding at its next pull, which it makes at once
 * (PULL_NOW_EVENT). A card already issued (or
 * blocked) is `card-in-use`; a lost card that is no holder of the branch, `unknown-card`
 * or `other-branch`; a holder id used before, `customer-exists`. A replacement moves a
 * book only with proof (the old card scanned: its secret's hash must be the one kept, else
 * `card-secret-mismatch`; or a supervisor reported it lost), and only by a supervisor
 * (staff-check.ts, from the kind's `rolesFor`).
 */
export function createCustomerEnrolled(deps: { customers: Pick<CustomerRepo, 'lockBooks' | 'cardsInUse' | 'existingIds' | 'enrol' | 'replaceCard'>; events: Pick<EventRepo, 'nudgeKiosks'> }): Applier<CustomerEnrolledPayload> {
  return {
    async apply(q, device, txs) {
      const payloads = txs.map((t) => t.payload);
      const replaced = await deps.customers.lockBooks(q, [...new Set(payloads.flatMap((p) => (p.replacesCard ? [p.replacesCard] : [])))]);
      const taken = await deps.customers.cardsInUse(q, payloads.map((p) => p.cardNumber));
      const ids = await deps.customers.existingIds(q, payloads.map((p) => p.customerId));
      const rejected = new Map<string, RejectReason>();
      const fresh = [];
      for (const tx of txs) {
        const p = tx.payload;
        const old = p.replacesCard ? replaced.get(p.replacesCard) : undefined;
        const reason: RejectReason | null = taken.has(p.cardNumber) ? 'card-in-use'
          : p.replacesCard && !old ? 'unknown-card'
          : old && old.branchId !== device.branchId ? 'other-branch'
          : old && p.replaceProof?.by === 'card-scanned' && p.replaceProof.secretHash !== old.secretHash ? 'card-secret-mismatch'
          : !old && ids.has(p.customerId) ? 'customer-exists'
          : null;
        if (reason) { rejected.set(tx.id, reason); continue; }
        taken.add(p.cardNumber);
        if (old && p.replacesCard) {
          replaced.delete(p.replacesCard); // blocked now: a second replacement of it in this batch finds no holder
          taken.add(p.replacesCard);
          await deps.customers.replaceCard(q, { customerId: old.id, oldCard: p.replacesCard, newCard: p.cardNumber, secretHash: p.secretHash, shortName: p.shortName, at: tx.occurredAt });
        } else {
          ids.add(p.customerId);
          fresh.push({ id: p.customerId, cardNumber: p.cardNumber, secretHash: p.secretHash, shortName: p.shortName, consentAt: p.ledgerConsent.at, consentVersion: p.ledgerConsent.version });
        }
      }
      await deps.customers.enrol(q, device.branchId, fresh);
      // The kiosks pull now: a card just issued opens its book there at once, a lost one is refused at once.
      if (rejected.size < txs.length) await deps.events.nudgeKiosks(q, device.branchId, 'passbooks');
      return rejected;
    },
  };
}
