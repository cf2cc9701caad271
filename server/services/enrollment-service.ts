import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import type { DeviceRole, EnrollResponse } from '../../shared/protocol';
import { ConfigError, UnauthorizedError } from '../errors';
import { findBranchByCode, listBranches } from '../repositories/branch-repo';
import { insertDevice, nextDeviceCode } from '../repositories/device-repo';
import { hashToken, newEnrollmentCode, newToken, normaliseEnrollmentCode } from './tokens';

const CODE_TTL_HOURS = 24;

/**
 * A supervisor (through the CLI for now) makes a one-time code for a branch; the new
 * device trades it for its token. Without a branch code, the only branch is meant.
 */
export async function createEnrollmentCode(
  db: Db,
  options: { branchCode?: string | undefined; role?: DeviceRole },
): Promise<{ code: string; branchCode: string; expiresAt: Date }> {
  const branch = options.branchCode ? await findBranchByCode(db, options.branchCode) : await onlyBranch(db);
  if (!branch) throw new ConfigError(`no branch with code "${options.branchCode}"`);
  const code = newEnrollmentCode();
  const expiresAt = new Date(Date.now() + CODE_TTL_HOURS * 3600_000);
  await db.query(
    'INSERT INTO enrollment_codes (code_hash, branch_id, role, expires_at) VALUES ($1, $2, $3, $4)',
    [hashToken(normaliseEnrollmentCode(code)), branch.id, options.role ?? 'kiosk', expiresAt],
  );
  return { code, branchCode: branch.code, expiresAt };
}

async function onlyBranch(db: Db) {
  const branches = await listBranches(db);
  if (branches.length === 1) return branches[0]!;
  const codes = branches.map((b) => b.code).join(', ') || 'none yet: run `npm run server -- seed --demo`';
  throw new ConfigError(`--branch is required: there are ${branches.length} branches (${codes})`);
}

/** Uses the code up and creates the device in one transaction: a code enrols exactly one device. */
export async function enrollDevice(db: Db, code: string): Promise<EnrollResponse> {
  return db.tx(async (q) => {
    const { rows } = await q.query<{ branchId: string; branchCode: string; role: DeviceRole }>(
      `SELECT e.branch_id AS "branchId", b.code AS "branchCode", e.role
       FROM enrollment_codes e JOIN branches b ON b.id = e.branch_id
       WHERE e.code_hash = $1 AND e.used_at IS NULL AND e.expires_at > now()
       FOR UPDATE OF e`,
      [hashToken(normaliseEnrollmentCode(code))],
    );
    const found = rows[0];
    if (!found) throw new UnauthorizedError('this enrolment code is unknown, used or expired: ask a supervisor for a new one');
    const token = newToken('okd');
    const deviceId = randomUUID();
    const deviceCode = await nextDeviceCode(q, found.branchId, found.branchCode, found.role);
    await insertDevice(q, { id: deviceId, branchId: found.branchId, code: deviceCode, role: found.role, tokenHash: hashToken(token) });
    await q.query('UPDATE enrollment_codes SET used_at = now(), device_id = $2 WHERE code_hash = $1', [
      hashToken(normaliseEnrollmentCode(code)),
      deviceId,
    ]);
    return { deviceId, branchId: found.branchId, branchCode: found.branchCode, deviceCode, role: found.role, token };
  });
}

/** An admin token for the online shop and back office feeds (PUT /api/v1/admin/...). */
export async function createAdminToken(db: Db, label: string): Promise<string> {
  const token = newToken('oka');
  await db.query('INSERT INTO admin_tokens (token_hash, label) VALUES ($1, $2)', [hashToken(token), label]);
  return token;
}
