import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import type { DeviceRole, EnrollResponse } from '../../shared/protocol';
import { ConfigError, UnauthorizedError } from '../errors';
import type { BranchRepo } from '../repositories/branch-repo';
import type { CredentialRepo } from '../repositories/credential-repo';
import type { DeviceRepo } from '../repositories/device-repo';
import { hashToken, newEnrollmentCode, newToken, normaliseEnrollmentCode } from './tokens';

const CODE_TTL_HOURS = 24;

export type EnrollmentDeps = {
  db: Db;
  branches: Pick<BranchRepo, 'findByCode' | 'list'>;
  devices: Pick<DeviceRepo, 'takeNextCode' | 'insert'>;
  credentials: Pick<CredentialRepo, 'insertEnrollmentCode' | 'lockUsableEnrollmentCode' | 'markEnrollmentCodeUsed' | 'insertAdminToken'>;
};

/**
 * A supervisor (through the CLI for now) makes a one-time code for a branch; the new
 * device trades it for its token. Without a branch code, the only branch is meant.
 */
export function createEnrollmentService({ db, branches, devices, credentials }: EnrollmentDeps) {
  async function onlyBranch() {
    const all = await branches.list(db);
    if (all.length === 1) return all[0]!;
    const codes = all.map((b) => b.code).join(', ') || 'none yet: run `npm run server -- seed --demo`';
    throw new ConfigError(`--branch is required: there are ${all.length} branches (${codes})`);
  }

  return {
    async createCode(options: { branchCode?: string | undefined; role?: DeviceRole; place?: string | undefined }): Promise<{ code: string; branchCode: string; role: DeviceRole; expiresAt: Date }> {
      const branch = options.branchCode ? await branches.findByCode(db, options.branchCode) : await onlyBranch();
      if (!branch) throw new ConfigError(`no branch with code "${options.branchCode}"`);
      const code = newEnrollmentCode();
      const role = options.role ?? 'kiosk';
      const expiresAt = new Date(Date.now() + CODE_TTL_HOURS * 3600_000);
      await credentials.insertEnrollmentCode(db, { codeHash: hashToken(normaliseEnrollmentCode(code)), branchId: branch.id, role, expiresAt, place: options.place?.trim() || null });
      return { code, branchCode: branch.code, role, expiresAt };
    },

    /** Uses the code up and creates the device in one transaction: a code enrols exactly one device. */
    async enroll(code: string): Promise<EnrollResponse> {
      const codeHash = hashToken(normaliseEnrollmentCode(code));
      return db.tx(async (q) => {
        const found = await credentials.lockUsableEnrollmentCode(q, codeHash);
        if (!found) throw new UnauthorizedError('this enrolment code is unknown, used or expired: ask a supervisor for a new one');
        const token = newToken('okd');
        const deviceId = randomUUID();
        const deviceCode = await devices.takeNextCode(q, found.branchId, found.branchCode, found.role);
        await devices.insert(q, { id: deviceId, branchId: found.branchId, code: deviceCode, role: found.role, tokenHash: hashToken(token), place: found.place });
        await credentials.markEnrollmentCodeUsed(q, codeHash, deviceId);
        return { deviceId, branchId: found.branchId, branchCode: found.branchCode, deviceCode, role: found.role, token };
      });
    },

    /** An admin token for the online shop and back office feeds (PUT /api/v1/admin/...). */
    async createAdminToken(label: string): Promise<string> {
      const token = newToken('oka');
      await credentials.insertAdminToken(db, hashToken(token), label);
      return token;
    },
  };
}
export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
