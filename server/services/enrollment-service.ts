import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import type { DeviceRole, EnrollResponse } from '../../shared/protocol';
import { ConfigError, ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';
import type { BranchRepo } from '../repositories/branch-repo';
import type { CredentialRepo } from '../repositories/credential-repo';
import type { DeviceRepo } from '../repositories/device-repo';
import { DEVICE_REVOKED_EVENT, SESSION_ENDED_EVENT } from '../../shared/protocol/event-names';
import type { AuditRepo } from '../repositories/audit-repo';
import type { EventRepo } from '../repositories/event-repo';
import type { StaffRepo } from '../repositories/staff-repo';
import { hashToken, newEnrollmentCode, newToken, normaliseEnrollmentCode } from './tokens';

const CODE_TTL_HOURS = 24;

export type EnrollmentDeps = {
  db: Db;
  branches: Pick<BranchRepo, 'findByCode' | 'list'>;
  devices: Pick<DeviceRepo, 'takeNextCode' | 'insert' | 'findAnyByCode' | 'takeOver'>;
  staff: Pick<StaffRepo, 'endOpenSessions'>;
  events: Pick<EventRepo, 'append'>;
  audit: Pick<AuditRepo, 'append'>;
  credentials: Pick<CredentialRepo, 'insertEnrollmentCode' | 'lockUsableEnrollmentCode' | 'markEnrollmentCodeUsed'>;
};

/**
 * A supervisor (through the CLI for now) makes a one-time code for a branch; the new
 * device trades it for its token. Without a branch code, the only branch is meant.
 */
export function createEnrollmentService({ db, branches, devices, credentials, staff, events, audit }: EnrollmentDeps) {
  async function onlyBranch() {
    const all = await branches.list(db);
    if (all.length === 1) return all[0]!;
    const codes = all.map((b) => b.code).join(', ') || 'none yet: run `npm run server -- seed --demo`';
    throw new ConfigError(`--branch is required: there are ${all.length} branches (${codes})`);
  }

  return {
    /**
     * `replaces`: the code of a broken or stolen device; the device enrolled with this code
     * takes over its name, place and series (its branch and role come from it).
     */
    async createCode(
      options: { branchCode?: string | undefined; role?: DeviceRole; place?: string | undefined; replaces?: string | undefined },
      /** a supervisor on a tablet, who may replace a device of their own branch only; the CLI (null) any */
      by: { branchId: string; deviceId: string; staffId: string; employeeNo: string } | null = null,
    ): Promise<{ code: string; branchCode: string; role: DeviceRole; expiresAt: Date; replaces: string | null }> {
      const code = newEnrollmentCode();
      const expiresAt = new Date(Date.now() + CODE_TTL_HOURS * 3600_000);
      const codeHash = hashToken(normaliseEnrollmentCode(code));
      if (options.replaces) {
        const old = await devices.findAnyByCode(db, options.replaces);
        if (by && (!old || old.branchId !== by.branchId)) throw new NotFoundError(`no device ${options.replaces} in this branch`);
        if (by && old!.id === by.deviceId) throw new ForbiddenError('a tablet cannot make the code for its own replacement: do it from another tablet or the server', 'device-self');
        if (!old) throw new ConfigError(`--replaces: no device with code "${options.replaces}"`);
        if (options.branchCode && options.branchCode !== old.branchCode) throw new ConfigError(`--replaces: ${old.code} is a device of branch ${old.branchCode}, not ${options.branchCode}`);
        if (options.role && options.role !== old.role) throw new ConfigError(`--replaces: ${old.code} is a ${old.role}, and its replacement is one too`);
        await db.tx(async (q) => {
          await credentials.insertEnrollmentCode(q, { codeHash, branchId: old.branchId, role: old.role, expiresAt, place: options.place?.trim() || old.place, replacesDeviceId: old.id });
          // Who can replace a device can take its place: every such code is in the log.
          await audit.append(q, [{ branchId: old.branchId, deviceId: by?.deviceId ?? null, occurredAt: new Date(), staffId: by?.staffId ?? null, employeeNo: by?.employeeNo ?? 'cli', action: 'replacement-code-made', subject: old.code }]);
        });
        return { code, branchCode: old.branchCode, role: old.role, expiresAt, replaces: old.code };
      }
      const branch = options.branchCode ? await branches.findByCode(db, options.branchCode) : await onlyBranch();
      if (!branch) throw new ConfigError(`no branch with code "${options.branchCode}"`);
      const role = options.role ?? 'kiosk';
      await credentials.insertEnrollmentCode(db, { codeHash, branchId: branch.id, role, expiresAt, place: options.place?.trim() || null });
      return { code, branchCode: branch.code, role, expiresAt, replaces: null };
    },

    /** Uses the code up and creates the device in one transaction: a code enrols exactly one device. */
    async enroll(code: string): Promise<EnrollResponse> {
      const codeHash = hashToken(normaliseEnrollmentCode(code));
      return db.tx(async (q) => {
        const found = await credentials.lockUsableEnrollmentCode(q, codeHash);
        if (!found) throw new UnauthorizedError('this enrolment code is unknown, used or expired: ask a supervisor for a new one');
        const token = newToken('okd');
        if (found.replacesDeviceId) {
          // The old device's token stops working, its staff sessions and event streams end
          // (as revoke-device does); its work not yet pushed is lost with it.
          const { code: oldCode, ...resume } = await devices.takeOver(q, found.replacesDeviceId, hashToken(token), found.place);
          const ended = await staff.endOpenSessions(q, { deviceId: found.replacesDeviceId });
          await events.append(q, found.branchId, [
            ...ended.map((s) => ({ audience: 'device' as const, deviceId: found.replacesDeviceId!, name: SESSION_ENDED_EVENT, data: { sessionId: s.id } })),
            { audience: 'device' as const, deviceId: found.replacesDeviceId, name: DEVICE_REVOKED_EVENT, data: {} },
          ]);
          await credentials.markEnrollmentCodeUsed(q, codeHash, found.replacesDeviceId);
          await audit.append(q, [{ branchId: found.branchId, deviceId: null, occurredAt: new Date(), staffId: null, employeeNo: null, action: 'device-replaced', subject: oldCode }]);
          return { deviceId: found.replacesDeviceId, branchId: found.branchId, branchCode: found.branchCode, deviceCode: oldCode, role: found.role, token, resume };
        }
        const deviceId = randomUUID();
        const deviceCode = await devices.takeNextCode(q, found.branchId, found.branchCode, found.role);
        await devices.insert(q, { id: deviceId, branchId: found.branchId, code: deviceCode, role: found.role, tokenHash: hashToken(token), place: found.place });
        await credentials.markEnrollmentCodeUsed(q, codeHash, deviceId);
        return { deviceId, branchId: found.branchId, branchCode: found.branchCode, deviceCode, role: found.role, token };
      });
    },
  };
}
export type EnrollmentService = ReturnType<typeof createEnrollmentService>;
