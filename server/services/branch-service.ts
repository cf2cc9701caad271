import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BranchCode } from '../../shared/protocol/common';
import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError } from '../errors';
import type { AuditRepo } from '../repositories/audit-repo';
import type { BranchRepo } from '../repositories/branch-repo';

/** A new branch as the operators' CLI takes it: what its paper prints about the seller. */
export const NewBranch = z.object({
  code: BranchCode,
  name: z.string().trim().min(2).max(80),
  legalName: z.string().trim().min(2).max(160),
  inn: z.string().regex(/^(\d{10}|\d{12})$/, 'INN: 10 digits (a company) or 12 (a sole trader)'),
  address: z.string().trim().min(5).max(200),
  timeZone: z.string().refine((zone) => { try { new Intl.DateTimeFormat('en', { timeZone: zone }); return true; } catch { return false; } }, 'an IANA time zone such as Europe/Moscow').default('Europe/Moscow'),
});
export type NewBranch = z.input<typeof NewBranch>;

/** Branches of the chain: opened by the operators (audited), listed with what they hold. */
export function createBranchService({ db, branches, audit }: { db: Db; branches: Pick<BranchRepo, 'insert' | 'listWithCounts'>; audit: Pick<AuditRepo, 'append'> }) {
  return {
    async create(input: NewBranch): Promise<{ id: string }> {
      const b = NewBranch.parse(input);
      const id = randomUUID();
      try {
        await db.tx(async (q) => {
          await branches.insert(q, { id, code: b.code, name: b.name, legalName: b.legalName, inn: b.inn, address: b.address, timeZone: b.timeZone });
          await audit.append(q, [{ branchId: id, deviceId: null, occurredAt: new Date(), staffId: null, employeeNo: 'cli', action: 'branch-created', subject: b.code }]);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`branch code ${b.code} is taken`, 'branch-code-taken');
        throw error;
      }
      return { id };
    },
    list: () => branches.listWithCounts(db),
  };
}
export type BranchService = ReturnType<typeof createBranchService>;
