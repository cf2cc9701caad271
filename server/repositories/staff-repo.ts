import type { Queryable } from '../db/db';
import type { StaffRole } from '../../shared/protocol/staff';

export type StaffRow = {
  id: string; branchId: string; employeeNo: string; name: string; role: StaffRole;
  /** null: never set, or reset and not set again yet (a one-time code sets it: pinSetupHash) */
  pinHash: string | null;
  pinSetupHash: string | null;
  pinSetupExpiresAt: Date | null;
  /** set: the person left or is suspended; they sign in nowhere (030_chain_credentials.sql) */
  deactivatedAt: Date | null;
};
/** A branch's staff member as a supervisor's list shows them. */
export type StaffMemberState = {
  employeeNo: string; name: string; role: StaffRole; active: boolean;
  pin: 'set' | 'waiting-for-code' | 'code-expired';
  openSessions: number;
};
const STAFF_COLUMNS = `id, branch_id AS "branchId", employee_no AS "employeeNo", name, role, pin_hash AS "pinHash",
  pin_setup_hash AS "pinSetupHash", pin_setup_expires_at AS "pinSetupExpiresAt", deactivated_at AS "deactivatedAt"`;
export type SignInFailures = { failedAttempts: number; lockedUntil: Date | null; lastFailedAt: Date | null };
/** Whose wrong PINs a count is: a number on one tablet, or a number on every tablet of the branch. */
export type FailureScope = { branchId: string; employeeNo: string; deviceId?: string };

/** The failures table and key of a scope (per tablet, or per number everywhere). */
const failureKey = (s: FailureScope) => (s.deviceId
  ? { table: 'staff_sign_in_device_failures', owner: 'device_id', id: s.deviceId }
  : { table: 'staff_sign_in_failures', owner: 'branch_id', id: s.branchId });
const FAILURE_COLUMNS = 'failed_attempts AS "failedAttempts", locked_until AS "lockedUntil", last_failed_at AS "lastFailedAt"';
export type StaffSessionRow = {
  id: string; staffId: string; deviceId: string; createdAt: Date; expiresAt: Date; endedAt: Date | null;
  employeeNo: string; name: string; role: StaffRole;
  /** SPKI, base64: what the session's staff transactions are signed with (null: legacy) */
  publicKey: string | null;
  /** opened before sessions had keys (migration 023): judged by time until it runs out */
  legacy: boolean;
  /** the seq of the tablet's staff.signedOut; staff transactions after it are refused */
  endedSeq: number | null;
  lockedAt: Date | null;
};

const SESSION_COLUMNS = `s.id, s.staff_id AS "staffId", s.device_id AS "deviceId", s.created_at AS "createdAt",
  s.expires_at AS "expiresAt", s.ended_at AS "endedAt", st.employee_no AS "employeeNo", st.name, st.role,
  s.public_key AS "publicKey", s.legacy, s.ended_seq::float8 AS "endedSeq", s.locked_at AS "lockedAt"`;

export const staffRepo = {
  /** Inserts one employee; a taken employee number fails with a unique violation. */
  async insert(q: Queryable, s: { id: string; branchId: string; employeeNo: string; name: string; role: StaffRole; pinHash: string | null; pinSetup?: { hash: string; expiresAt: Date } }): Promise<void> {
    await q.query(
      'INSERT INTO staff (id, branch_id, employee_no, name, role, pin_hash, pin_setup_hash, pin_setup_expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [s.id, s.branchId, s.employeeNo, s.name, s.role, s.pinHash, s.pinSetup?.hash ?? null, s.pinSetup?.expiresAt ?? null],
    );
  },

  async findByNumber(q: Queryable, branchId: string, employeeNo: string): Promise<StaffRow | null> {
    const { rows } = await q.query<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE branch_id = $1 AND employee_no = $2`, [branchId, employeeNo]);
    return rows[0] ?? null;
  },

  /** The branch's staff, by number, with what a supervisor needs to see of each. */
  async listOfBranch(q: Queryable, branchId: string): Promise<StaffMemberState[]> {
    const { rows } = await q.query<StaffMemberState>(
      `SELECT st.employee_no AS "employeeNo", st.name, st.role, st.deactivated_at IS NULL AS active,
              CASE WHEN st.pin_hash IS NOT NULL THEN 'set' WHEN st.pin_setup_expires_at > now() THEN 'waiting-for-code' ELSE 'code-expired' END AS pin,
              (SELECT count(*)::int FROM staff_sessions s WHERE s.staff_id = st.id AND s.ended_at IS NULL AND s.expires_at > now()) AS "openSessions"
       FROM staff st WHERE st.branch_id = $1 ORDER BY st.deactivated_at IS NOT NULL, st.employee_no`,
      [branchId],
    );
    return rows;
  },

  /**
   * The person's PIN hash and state as they are now, held until the transaction ends: a
   * deactivation or reset waits for a sign-in that read them, or the sign-in sees it.
   */
  async holdMember(q: Queryable, staffId: string): Promise<{ pinHash: string | null; deactivatedAt: Date | null } | null> {
    const { rows } = await q.query<{ pinHash: string | null; deactivatedAt: Date | null }>(
      'SELECT pin_hash AS "pinHash", deactivated_at AS "deactivatedAt" FROM staff WHERE id = $1 FOR SHARE', [staffId]);
    return rows[0] ?? null;
  },

  async setDeactivated(q: Queryable, staffId: string, at: Date | null): Promise<void> {
    await q.query('UPDATE staff SET deactivated_at = $2 WHERE id = $1', [staffId, at]);
  },

  /** A PIN reset: the PIN stops working, and a one-time code (its scrypt hash) sets a new one until it runs out. */
  async startPinSetup(q: Queryable, staffId: string, setup: { hash: string; expiresAt: Date }): Promise<void> {
    await q.query('UPDATE staff SET pin_hash = NULL, pin_setup_hash = $2, pin_setup_expires_at = $3 WHERE id = $1', [staffId, setup.hash, setup.expiresAt]);
  },

  /** The new PIN, set with the code: the code is spent. False if it was spent meanwhile. */
  async finishPinSetup(q: Queryable, staffId: string, setupHash: string, pinHash: string): Promise<boolean> {
    const { rows } = await q.query(
      'UPDATE staff SET pin_hash = $3, pin_setup_hash = NULL, pin_setup_expires_at = NULL WHERE id = $1 AND pin_setup_hash = $2 RETURNING id', [staffId, setupHash, pinHash]);
    return rows.length > 0;
  },

  /** Ends every open session of a person, or of a tablet: the ended ones, for their events. */
  async endOpenSessions(q: Queryable, of: { staffId: string } | { deviceId: string }): Promise<{ id: string; deviceId: string }[]> {
    const [column, id] = 'staffId' in of ? ['staff_id', of.staffId] : ['device_id', of.deviceId];
    const { rows } = await q.query<{ id: string; deviceId: string }>(
      `UPDATE staff_sessions SET ended_at = now() WHERE ${column} = $1 AND ended_at IS NULL AND expires_at > now() RETURNING id, device_id AS "deviceId"`, [id]);
    return rows;
  },

  async signInFailures(q: Queryable, scope: FailureScope): Promise<SignInFailures> {
    const k = failureKey(scope);
    const { rows } = await q.query<SignInFailures>(
      `SELECT ${FAILURE_COLUMNS} FROM ${k.table} WHERE ${k.owner} = $1 AND employee_no = $2`,
      [k.id, scope.employeeNo],
    );
    return rows[0] ?? { failedAttempts: 0, lockedUntil: null, lastFailedAt: null };
  },

  /** The failures of one scope, locked until the transaction ends (made when missing), so concurrent tries count one by one. */
  async lockSignInFailures(q: Queryable, scope: FailureScope): Promise<SignInFailures> {
    const k = failureKey(scope);
    const { rows } = await q.query<SignInFailures>(
      `INSERT INTO ${k.table} (${k.owner}, employee_no) VALUES ($1, $2)
       ON CONFLICT (${k.owner}, employee_no) DO UPDATE SET failed_attempts = ${k.table}.failed_attempts
       RETURNING ${FAILURE_COLUMNS}`,
      [k.id, scope.employeeNo],
    );
    return rows[0]!;
  },

  async setSignInFailures(q: Queryable, scope: FailureScope, f: SignInFailures): Promise<void> {
    const k = failureKey(scope);
    await q.query(
      `UPDATE ${k.table} SET failed_attempts = $3, locked_until = $4, last_failed_at = $5 WHERE ${k.owner} = $1 AND employee_no = $2`,
      [k.id, scope.employeeNo, f.failedAttempts, f.lockedUntil, f.lastFailedAt],
    );
  },

  /** Lifts every lock and count of a number in the branch, on every tablet; whether any was locked. */
  async clearSignInFailures(q: Queryable, branchId: string, employeeNo: string, now: Date): Promise<boolean> {
    const { rows } = await q.query<{ locked: boolean }>(
      `WITH everywhere AS (
         DELETE FROM staff_sign_in_failures WHERE branch_id = $1 AND employee_no = $2 RETURNING locked_until
       ), tablets AS (
         DELETE FROM staff_sign_in_device_failures f USING devices d
         WHERE d.id = f.device_id AND d.branch_id = $1 AND f.employee_no = $2 RETURNING f.locked_until
       )
       SELECT EXISTS (SELECT 1 FROM everywhere WHERE locked_until > $3) OR EXISTS (SELECT 1 FROM tablets WHERE locked_until > $3) AS locked`,
      [branchId, employeeNo, now],
    );
    return rows[0]?.locked ?? false;
  },

  async insertSession(q: Queryable, s: { id: string; staffId: string; deviceId: string; tokenHash: string; expiresAt: Date; publicKey?: string | null }): Promise<void> {
    await q.query(
      'INSERT INTO staff_sessions (id, staff_id, device_id, token_hash, expires_at, public_key) VALUES ($1, $2, $3, $4, $5, $6)',
      [s.id, s.staffId, s.deviceId, s.tokenHash, s.expiresAt, s.publicKey ?? null],
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

  /** Ends a session now; with the seq of the tablet's staff.signedOut, its end in the device's sequence too (the earliest stands). */
  async endSession(q: Queryable, id: string, endSeq: number | null = null): Promise<void> {
    await q.query(
      `UPDATE staff_sessions SET ended_at = COALESCE(ended_at, now()),
         ended_seq = CASE WHEN $2::bigint IS NULL THEN ended_seq ELSE LEAST(COALESCE(ended_seq, $2::bigint), $2::bigint) END
       WHERE id = $1`,
      [id, endSeq],
    );
  },

  /**
   * Sessions of this device ended by its staff.signedOut at these seqs (the earliest seq
   * stands); returns the ones that were still open, for the audit log.
   */
  async endSessionsAtSeq(q: Queryable, deviceId: string, ends: { id: string; seq: number; at: string }[]): Promise<string[]> {
    if (ends.length === 0) return [];
    const { rows } = await q.query<{ id: string }>(
      `WITH v AS (SELECT * FROM json_to_recordset($2::json) AS v(id uuid, seq bigint, at timestamptz)),
       before AS (SELECT s.id, s.ended_at FROM staff_sessions s JOIN v ON v.id = s.id WHERE s.device_id = $1 FOR UPDATE OF s)
       UPDATE staff_sessions s SET ended_seq = LEAST(COALESCE(s.ended_seq, v.seq), v.seq), ended_at = COALESCE(s.ended_at, v.at)
       FROM v, before WHERE s.id = v.id AND before.id = s.id
       RETURNING s.id, (before.ended_at IS NULL) AS "wasOpen"`,
      [deviceId, JSON.stringify(ends)],
    );
    return (rows as { id: string; wasOpen?: boolean }[]).filter((r) => r.wasOpen).map((r) => r.id);
  },

  /** The tablet locked itself (a time), or the PIN opened it again (null). */
  /** The session's tablet holds its event stream (or polls) now: it hears the kiosks' calls. */
  async markHeard(q: Queryable, sessionId: string): Promise<void> {
    await q.query('UPDATE staff_sessions SET heard_at = now() WHERE id = $1 AND ended_at IS NULL', [sessionId]);
  },

  /**
   * How many staff members of the branch can hear a call now: signed in (not ended, not
   * expired) on a tablet whose stream or polling was heard within `withinSeconds`.
   */
  async countListening(q: Queryable, branchId: string, withinSeconds: number): Promise<number> {
    const { rows } = await q.query<{ n: number }>(
      `SELECT count(DISTINCT st.id)::int AS n FROM staff_sessions s JOIN staff st ON st.id = s.staff_id
       WHERE st.branch_id = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND s.heard_at > now() - make_interval(secs => $2)`,
      [branchId, withinSeconds],
    );
    return rows[0]?.n ?? 0;
  },

  async setLocked(q: Queryable, id: string, at: Date | null): Promise<void> {
    await q.query('UPDATE staff_sessions SET locked_at = $2 WHERE id = $1', [id, at]);
  },
};
export type StaffRepo = typeof staffRepo;
