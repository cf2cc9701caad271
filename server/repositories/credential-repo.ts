import type { Queryable } from '../db/db';
import type { DeviceRole } from '../../shared/protocol';

/** Enrolment codes: stored only as hashes (services/tokens.ts). Admin tokens: admin-token-repo.ts. */
export const credentialRepo = {
  async insertEnrollmentCode(q: Queryable, code: { codeHash: string; branchId: string; role: DeviceRole; expiresAt: Date; place: string | null; replacesDeviceId?: string | null }): Promise<void> {
    await q.query(
      'INSERT INTO enrollment_codes (code_hash, branch_id, role, expires_at, place, replaces_device_id) VALUES ($1, $2, $3, $4, $5, $6)',
      [code.codeHash, code.branchId, code.role, code.expiresAt, code.place, code.replacesDeviceId ?? null],
    );
  },

  /** An unused, unexpired code, locked until the transaction ends so it enrols one device only. */
  async lockUsableEnrollmentCode(q: Queryable, codeHash: string): Promise<{ branchId: string; branchCode: string; role: DeviceRole; place: string | null; replacesDeviceId: string | null } | null> {
    const { rows } = await q.query<{ branchId: string; branchCode: string; role: DeviceRole; place: string | null; replacesDeviceId: string | null }>(
      `SELECT e.branch_id AS "branchId", b.code AS "branchCode", e.role, e.place, e.replaces_device_id AS "replacesDeviceId"
       FROM enrollment_codes e JOIN branches b ON b.id = e.branch_id
       WHERE e.code_hash = $1 AND e.used_at IS NULL AND e.expires_at > now()
       FOR UPDATE OF e`,
      [codeHash],
    );
    return rows[0] ?? null;
  },

  async markEnrollmentCodeUsed(q: Queryable, codeHash: string, deviceId: string): Promise<void> {
    await q.query('UPDATE enrollment_codes SET used_at = now(), device_id = $2 WHERE code_hash = $1', [codeHash, deviceId]);
  },

};
export type CredentialRepo = typeof credentialRepo;
