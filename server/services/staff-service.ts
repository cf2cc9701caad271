import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/db';
import { ConfigError, ConflictError } from '../errors';
import { findBranchByCode } from '../repositories/branch-repo';
import { hashPin } from './pin-hash';

export const StaffInput = z.object({
  branchCode: z.string().min(1),
  employeeNo: z.string().regex(/^\d{3,8}$/, '3–8 digits'),
  name: z.string().trim().min(2).max(80),
  role: z.enum(['associate', 'supervisor']),
  pin: z.string().regex(/^\d{4,8}$/, '4–8 digits'),
});
export type StaffInput = z.infer<typeof StaffInput>;

/** Staff sign in on tablets with employee number and PIN; the PIN is stored only as scrypt. */
export async function addStaff(db: Db, input: StaffInput): Promise<{ id: string }> {
  const branch = await findBranchByCode(db, input.branchCode);
  if (!branch) throw new ConfigError(`--branch: no branch with code "${input.branchCode}"`);
  const id = randomUUID();
  try {
    await db.query(
      'INSERT INTO staff (id, branch_id, employee_no, name, role, pin_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, branch.id, input.employeeNo, input.name, input.role, await hashPin(input.pin)],
    );
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new ConflictError(`employee number ${input.employeeNo} is taken`);
    throw error;
  }
  return { id };
}
