import type { CustomerPreferencesPayload, RejectReason } from '../../../shared/protocol';
import type { CustomerRepo } from '../../repositories/customer-repo';
import type { EventRepo } from '../../repositories/event-repo';
import type { Applier } from './applier';
import { cardOf } from './card-of';

/**
 * customer.preferences: a card holder's consent to be remembered (their settings), or its
 * withdrawal («Забыть меня»), in the order they were said (not the order they arrived from kiosks that were offline): the last word stands. A card no
 * holder has is `unknown-card`; another branch's, `other-branch`; a tablet's without its staff session,
 * `staff-session-invalid`.
 */
export function createCustomerPreferences(deps: { customers: Pick<CustomerRepo, 'lockBooks' | 'setPreferences'>; events: Pick<EventRepo, 'nudgeKiosks'> }): Applier<CustomerPreferencesPayload> {
  return {
    async apply(q, device, txs) {
      const books = await deps.customers.lockBooks(q, [...new Set(txs.map((t) => cardOf(t.payload)))]);
      const rejected = new Map<string, RejectReason>();
      const last = new Map<string, { customerId: string; preferences: unknown; consentedAt: string | null; consentVersion: string | null; at: string }>();
      for (const tx of txs) {
        const p = tx.payload;
        // A tablet erases a holder's preferences for them only through a signed-in staff member.
        if (device.role === 'tablet' && !p.staffSessionId) { rejected.set(tx.id, 'staff-session-invalid'); continue; }
        const book = books.get(cardOf(p));
        if (!book || book.branchId !== device.branchId) { rejected.set(tx.id, book ? 'other-branch' : 'unknown-card'); continue; }
        const before = last.get(book.id);
        if (before && before.at > tx.occurredAt) continue;
        last.set(book.id, { customerId: book.id, preferences: p.preferences, consentedAt: p.consent?.at ?? null, consentVersion: p.consent?.version ?? null, at: tx.occurredAt });
      }
      await deps.customers.setPreferences(q, [...last.values()]);
      // The other kiosks pull now: a customer forgotten at the tablet is not greeted by name a moment later.
      if (last.size > 0) await deps.events.nudgeKiosks(q, device.branchId, 'passbooks');
      return rejected;
    },
  };
}
