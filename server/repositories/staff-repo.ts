import type { Queryable } from '../db/db';
import type { StaffRole } from '../../shared/protocol/staff';

export type StaffRow = { id: string; branchId: string; employeeNo: string; name: string; role: StaffRole; pinHash: string };
export type SignInFailures = { failedAttempts: number; lockedUntil: Date | null };
export type StaffSessionRow = {
  id: string; staffId: string; deviceId: string; createdAt: Date; expiresAt: Date; endedAt: Date | null;
  employeeNo: string; name: string; role: StaffRole;
};

const SESSION_COLUMNS = `s.id, s.staff_id AS "staffId", s.device_id AS "deviceId", s.created_at AS "createdAt",
  s.expires_at AS "expiresAt", s.ended_at AS "endedAt", st.employee_no AS "employeeNo", st.name, st.role`;

export const staffRepo = {
  /** Inserts one employee; a taken employee number fails with a unique violation. */
  async insert(q: Queryable, s: { id: string; branchId: string; employeeNo: string; name: string; role: StaffRole; pinHash: string }): Promise<void> {
    await q.query(
      'INSERT INTO staff (id, branch_id, employee_no, name, role, pin_hash) VALUES ($1, $2, $3, $4, $5, $6)',
      [s.id, s.branchId, s.employeeNo, s.name, s.role, s.pinHash],
    );
  },

  async findByNumber(q: Queryable, branchId: string, employeeNo: string): Promise<StaffRow | null> {
    const { rows } = await q.query<StaffRow>(
      `SELECT id, branch_id AS "branchId", employee_no AS "employeeNo", name, role, pin_hash AS "pinHash"
       FROM staff WHERE branch_id = $1 AND employee_no = $2`,
      [branchId, employeeNo],
    );
    return rows[0] ?? null;
  },

  async signInFailures(q: Queryable, branchId: string, employeeNo: string): Promise<SignInFailures> {
    const { rows } = await q.query<SignInFailures>(
      'SELECT failed_attempts AS "failedAttempts", locked_until AS "lockedUntil" FROM staff_sign_in_failures WHERE branch_id = $1 AND employee_no = $2',
      [branchId, employeeNo],
    );
    return rows[0] ?? { failedAttempts: 0, lockedUntil: null };
  },

  /** The failures of one number, locked until the transaction ends (made when missing), so concurrent tries count one by one. */
  async lockSignInFailures(q: Queryable, branchId: string, employeeNo: string): Promise<SignInFailures> {
    const { rows } = await q.query<SignInFailures>(
      `INSERT INTO staff_sign_in_failures (branch_id, employee_no) VALUES ($1, $2)
       ON CONFLICT (branch_id, employee_no) DO UPDATE SET failed_attempts = staff_sign_in_failures.failed_attempts
       RETURNING failed_attempts AS "failedAttempts", locked_until AS "lockedUntil"`,
      [branchId, employeeNo],
    );
    return rows[0]!;
  },

  async setSignInFailures(q: Queryable, branchId: string, employeeNo: string, f: SignInFailures): Promise<void> {
    await q.query(
      'UPDATE staff_sign_in_failures SET failed_attempts = $3, locked_until = $4 WHERE branch_id = $1 AND employee_no = $2',
      [branchId, employeeNo, f.failedAttempts, f.lockedUntil],
    );
  },

  async insertSession(q: Queryable, s: { id: string; staffId: string; deviceId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await q.query(
      'INSERT INTO staff_sessions (id, staff_id, device_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [s.id, s.staffId, s.deviceId, s.tokenHash, s.expiresAt],
    );
  },

  async findSessionByTokenHash(q: Queryable, tokenHash: string): Promise<StaffSessionRow | null> {
    const { rows } = await q.query<StaffSessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM staff_sessions s JOIN staff st ON st.id = s.staff_id WHERE s.token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  },

  async findSessions(q: Queryable, ids: string[]): Promise<StaffSessionRow[]> {
    if (ids.length === 0) return [];
    const { rows } = await q.query<StaffSessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM staff_sessions s JOIN staff st ON st.id = s.staff_id WHERE s.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows;
  },

  /** The staff member's full name behind each session, for what events say about them. */
  async sessionNames(q: Queryable, sessionIds: string[]): Promise<Map<string, string>> {
    const { rows } = await q.query<{ id: string; name: string }>(
      'SELECT s.id, st.name FROM staff_sessions s JOIN staff st ON st.id = s.staff_id WHERE s.id = ANY($1::uuid[])',
      [sessionIds],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  },

  async endSession(q: Queryable, id: string): Promise<void> {
    await q.query('UPDATE staff_sessions SET ended_at = now() WHERE id = $1 AND ended_at IS NULL', [id]);
  },
};
export type StaffRepo = typeof staffRepo;
