import type { Queryable } from '../db/db';

export const staffRepo = {
  /** Inserts one employee; a taken employee number fails with a unique violation. */
  async insert(q: Queryable, s: { id: string; branchId: string; employeeNo: string; name: string; role: 'associate' | 'supervisor'; pinHash: string }): Promise<void> {
    await q.query(
      'INSERT INTO staff (id, branch_id, employee_no, name, role, pin_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [s.id, s.branchId, s.employeeNo, s.name, s.role, s.pinHash],
    );
  },
};
export type StaffRepo = typeof staffRepo;
