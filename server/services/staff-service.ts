import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/unique-violation';
import { ConfigError, ConflictError } from '../errors';
import type { BranchRepo } from '../repositories/branch-repo';
import type { StaffRepo } from '../repositories/staff-repo';
import { hashPin } from './pin-hash';

export const StaffInput = z.object({
  branchCode: z.string().min(1),
  employeeNo: z.string().regex(/^\d{3,8}$/, '3–8 digits'),
  name: z.string().trim().min(2).max(80),
  role: z.enum(['associate', 'supervisor']),
  pin: z.string().regex(/^\d{4,8}$/, '4–8 digits'),
});
export type StaffInput = z.infer<typeof StaffInput>;

export type StaffDeps = { db: Db; branches: Pick<BranchRepo, 'findByCode'>; staff: Pick<StaffRepo, 'insert'> };

/** Staff sign in on tablets with employee number and PIN; the PIN is stored only as scrypt. */
export function createStaffService({ db, branches, staff }: StaffDeps) {
  return {
    async add(input: StaffInput): Promise<{ id: string }> {
      const branch = await branches.findByCode(db, input.branchCode);
      if (!branch) throw new ConfigError(`--branch: no branch with code "${input.branchCode}"`);
      const id = randomUUID();
      try {
        await staff.insert(db, { id, branchId: branch.id, employeeNo: input.employeeNo, name: input.name, role: input.role, pinHash: await hashPin(input.pin) });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`employee number ${input.employeeNo} is taken`, 'employee-no-taken');
        throw error;
      }
      return { id };
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
