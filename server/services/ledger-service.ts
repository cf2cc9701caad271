import { randomUUID } from 'node:crypto';
import { cardSecretHash } from '../../shared/domain/card-code';
import type { CustomerInput, LedgerEntriesResult, LedgerEntryInput } from '../../shared/protocol/customers';
import type { Db } from '../db/db';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { BranchRepo } from '../repositories/branch-repo';
import type { CustomerRepo } from '../repositories/customer-repo';
import type { EventRepo } from '../repositories/event-repo';
import { requireBranch, type AdminAccess } from './admin-token-service';

/**
 * The card holders' books as the back office feeds them: a card holder made or changed,
 * and entries added in the order they happened, each once by its id (a feed that sends
 * again after a time-out adds nothing). okno's own sales of a card holder are added by
 * their appliers (ledger-lines.ts).
 */
export function createLedgerService(deps: { db: Db; branches: Pick<BranchRepo, 'findByCode'>; customers: Pick<CustomerRepo, 'upsert' | 'lockBooks' | 'knownEntries' | 'appendEntries'>; events: Pick<EventRepo, 'nudgeKiosks'> }) {
  return {
    /** `access`: the feed's token, whose branches the card holder must be of, before and after. */
    async putCustomer(cardNumber: string, input: CustomerInput, access?: AdminAccess): Promise<{ created: boolean }> {
      return deps.db.tx(async (q) => {
        const branch = await deps.branches.findByCode(q, input.branchCode);
        if (!branch) throw new ValidationError(`branchCode: no branch with code "${input.branchCode}"`, 'branchCode');
        requireBranch(access, branch, 'card holders');
        const before = (await deps.customers.lockBooks(q, [cardNumber])).get(cardNumber);
        if (before) requireBranch(access, { id: before.branchId }, `the card holder of ${cardNumber.slice(-4).padStart(8, '•')}`);
        const created = await deps.customers.upsert(q, {
          id: randomUUID(), branchId: branch.id, cardNumber, shortName: input.shortName, linesPerPage: input.linesPerPage ?? null,
          secretHash: input.scanSecret ? cardSecretHash(cardNumber, input.scanSecret) : null,
        });
        // A card just issued is known at the branch's kiosks in seconds: they pull now.
        await deps.events.nudgeKiosks(q, branch.id, 'passbooks');
        return { created };
      });
    },

    async addEntries(cardNumber: string, entries: LedgerEntryInput[], access?: AdminAccess): Promise<LedgerEntriesResult> {
      return deps.db.tx(async (q) => {
        const book = (await deps.customers.lockBooks(q, [cardNumber])).get(cardNumber);
        if (!book) throw new NotFoundError(`no card holder with card ${cardNumber}`);
        requireBranch(access, { id: book.branchId }, 'passbook entries');
        const known = await deps.customers.knownEntries(q, book.id, entries.map((e) => e.id));
        const fresh = new Map<string, LedgerEntryInput>();
        const conflicts: string[] = [];
        for (const e of entries) {
          const before = known.get(e.id) ?? fresh.get(e.id);
          if (!before) { fresh.set(e.id, e); continue; }
          const same = Date.parse(before.postedAt) === Date.parse(e.postedAt) && before.textRu === e.textRu && before.textEn === e.textEn && before.amountKopecks === e.amountKopecks;
          if (!same) conflicts.push(e.id);
        }
        if (conflicts.length > 0) throw new ConflictError(`entries ${conflicts.join(', ')} were sent before with other contents; nothing was added`, 'entry-conflict');
        const after = await deps.customers.appendEntries(q, book.id, [...fresh.values()]);
        if (fresh.size > 0) await deps.events.nudgeKiosks(q, book.branchId, 'passbooks');
        return { added: fresh.size, known: entries.length - fresh.size, ...after };
      });
    },
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;
