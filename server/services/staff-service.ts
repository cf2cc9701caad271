import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db, Queryable } from '../db/db';
import { isUniqueViolation } from '../db/unique-violation';
import { ConfigError, ConflictError, ForbiddenError, NotFoundError } from '../errors';
import type { AuditRepo } from '../repositories/audit-repo';
import type { BranchRepo } from '../repositories/branch-repo';
import type { EventRepo } from '../repositories/event-repo';
import type { StaffMemberState, StaffRepo, StaffRow } from '../repositories/staff-repo';
import { SESSION_ENDED_EVENT } from '../../shared/protocol/event-names';
import { hashPin } from './pin-hash';

export const StaffInput = z.object({
  branchCode: z.string().min(1),
  employeeNo: z.string().regex(/^\d{3,8}$/, '3–8 digits'),
  name: z.string().trim().min(2).max(80),
  role: z.enum(['associate', 'supervisor']),
  /** only the demo data and tests give one: a person's PIN is set by them, on a tablet, with a code */
  pin: z.string().regex(/^\d{4,8}$/, '4–8 digits').optional(),
});
export type StaffInput = z.input<typeof StaffInput>;

/** How long a PIN setup code works: a new colleague's first shift may be days after they were added. */
export const PIN_SETUP_HOURS = 72;

/** A one-time PIN setup code: 8 digits, typed on the tablet's number pad, shown as «1234 5678». */
export type PinSetup = { code: string; expiresAt: Date };

/** Who did it: a supervisor signed in on a tablet of the branch, or the operators' CLI (null). */
export type StaffActor = { deviceId: string; staffId: string; employeeNo: string } | null;

export type StaffDeps = {
  db: Db;
  branches: Pick<BranchRepo, 'findByCode'>;
  staff: Pick<StaffRepo, 'insert' | 'findByNumber' | 'listOfBranch' | 'setDeactivated' | 'startPinSetup' | 'endOpenSessions'>;
  audit: Pick<AuditRepo, 'append'>;
  events: Pick<EventRepo, 'append'>;
};

/**
 * The life of a staff member's credentials, for the CLI and a branch's supervisors: added,
 * their PIN reset, their sessions ended, deactivated and re-activated. Nobody ever types
 * another person's PIN: a new person and a reset get a one-time code that the person
 * trades for a PIN of their own on a tablet (staff-session-service.ts, setPin). Staff
 * are never deleted: the audit log names them for years. Every action is audited.
 */
export function createStaffService({ db, branches, staff, audit, events }: StaffDeps) {
  async function branchOf(code: string) {
    const branch = await branches.findByCode(db, code);
    if (!branch) throw new ConfigError(`--branch: no branch with code "${code}"`);
    return branch;
  }

  async function memberOf(branchCode: string, employeeNo: string): Promise<StaffRow> {
    const branch = await branchOf(branchCode);
    const member = await staff.findByNumber(db, branch.id, employeeNo);
    if (!member) throw new NotFoundError(`no staff member ${employeeNo} in branch ${branchCode}`);
    return member;
  }

  const record = (q: Queryable, member: StaffRow, by: StaffActor, action: string) =>
    audit.append(q, [{
      branchId: member.branchId, deviceId: by?.deviceId ?? null, occurredAt: new Date(), staffId: by?.staffId ?? null,
      employeeNo: by?.employeeNo ?? 'cli', action, subject: member.employeeNo,
    }]);

  /** Ends the person's open sessions; their tablets hear it at once and return to sign-in. */
  async function endSessions(q: Queryable, member: StaffRow): Promise<number> {
    const ended = await staff.endOpenSessions(q, { staffId: member.id });
    await events.append(q, member.branchId, ended.map((s) => ({ audience: 'device' as const, deviceId: s.deviceId, name: SESSION_ENDED_EVENT, data: { sessionId: s.id } })));
    return ended.length;
  }

  async function newPinSetup(): Promise<PinSetup & { hash: string }> {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0');
    return { code, hash: await hashPin(code), expiresAt: new Date(Date.now() + PIN_SETUP_HOURS * 3600_000) };
  }

  /** A supervisor acts on their own branch only, and never on themselves (a colleague or the CLI does). */
  function refuseSelf(member: StaffRow, by: StaffActor): void {
    if (by && by.staffId === member.id) throw new ForbiddenError('a supervisor cannot do this to their own number: ask another supervisor or the IT team', 'staff-self');
  }

  return {
    /** Adds a person; without a PIN (always, but in the demo data and tests) with the code that sets theirs. */
    async add(input: StaffInput, by: StaffActor = null): Promise<{ id: string; pinSetup: PinSetup | null }> {
      const parsed = StaffInput.parse(input);
      const branch = await branchOf(parsed.branchCode);
      const id = randomUUID();
      const setup = parsed.pin ? null : await newPinSetup();
      try {
        await db.tx(async (q) => {
          await staff.insert(q, {
            id, branchId: branch.id, employeeNo: parsed.employeeNo, name: parsed.name, role: parsed.role,
            pinHash: parsed.pin ? await hashPin(parsed.pin) : null, ...(setup ? { pinSetup: setup } : {}),
          });
          await record(q, { id, branchId: branch.id, employeeNo: parsed.employeeNo } as StaffRow, by, 'staff-added');
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError(`employee number ${parsed.employeeNo} is taken`, 'employee-no-taken');
        throw error;
      }
      return { id, pinSetup: setup && { code: setup.code, expiresAt: setup.expiresAt } };
    },

    async list(branchCode: string): Promise<StaffMemberState[]> {
      return staff.listOfBranch(db, (await branchOf(branchCode)).id);
    },

    /**
     * The PIN stops working at once, the person's sessions end, and a one-time code lets
     * them choose a new PIN on a tablet. For a forgotten PIN, or one someone else saw.
     */
    async resetPin(branchCode: string, employeeNo: string, by: StaffActor = null): Promise<PinSetup & { sessionsEnded: number }> {
      const member = await memberOf(branchCode, employeeNo);
      refuseSelf(member, by);
      if (member.deactivatedAt) throw new ConflictError(`staff member ${employeeNo} is deactivated: re-activate them first`, 'staff-deactivated');
      const setup = await newPinSetup();
      const sessionsEnded = await db.tx(async (q) => {
        await staff.startPinSetup(q, member.id, setup);
        await record(q, member, by, 'pin-reset');
        return endSessions(q, member);
      });
      return { code: setup.code, expiresAt: setup.expiresAt, sessionsEnded };
    },

    /** The person signs in nowhere from now on; their open sessions end. Nothing of theirs is deleted. */
    async deactivate(branchCode: string, employeeNo: string, by: StaffActor = null): Promise<{ sessionsEnded: number; wasActive: boolean }> {
      const member = await memberOf(branchCode, employeeNo);
      refuseSelf(member, by);
      return db.tx(async (q) => {
        if (!member.deactivatedAt) {
          await staff.setDeactivated(q, member.id, new Date());
          await record(q, member, by, 'staff-deactivated');
        }
        return { sessionsEnded: await endSessions(q, member), wasActive: !member.deactivatedAt };
      });
    },

    async reactivate(branchCode: string, employeeNo: string, by: StaffActor = null): Promise<{ wasActive: boolean }> {
      const member = await memberOf(branchCode, employeeNo);
      if (!member.deactivatedAt) return { wasActive: true };
      await db.tx(async (q) => {
        await staff.setDeactivated(q, member.id, null);
        await record(q, member, by, 'staff-reactivated');
      });
      return { wasActive: false };
    },

    /** Ends every open session of the person (a tablet left signed in somewhere); their PIN still works. */
    async endAllSessions(branchCode: string, employeeNo: string, by: StaffActor = null): Promise<{ sessionsEnded: number }> {
      const member = await memberOf(branchCode, employeeNo);
      return db.tx(async (q) => {
        const sessionsEnded = await endSessions(q, member);
        await record(q, member, by, 'sessions-ended');
        return { sessionsEnded };
      });
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;

/** «1234 5678»: how a PIN setup code is shown and read aloud. */
export function formatPinSetupCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}
