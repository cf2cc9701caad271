import { z } from 'zod';
import { DeviceRole } from '../../shared/protocol/enroll';
import type { Db } from '../db/db';
import { NotFoundError } from '../errors';
import { migrate } from '../db/migrate';
import { seedDemo } from '../seed/seed-demo';
import type { Services } from '../services';
import { formatPinSetupCode, StaffInput } from '../services/staff-service';
import { NewBranch } from '../services/branch-service';
import { backupTo } from './backup';
import { ADMIN_FEEDS } from '../repositories/admin-token-repo';
import { describeScope } from '../services/admin-token-service';

/**
 * The CLI commands that change data, as one table: the CLI runs them on the database it
 * opened, or sends them to the running server through its local socket (admin-socket.ts)
 * when that server holds the embedded database. Either way the same code runs, and the
 * answer is the lines the CLI prints (the last one is what scripts read).
 */
const EmployeeNo = z.string().regex(/^\d{3,8}$/, 'employee number: 3–8 digits');

export const CommandRequest = z.discriminatedUnion('command', [
  z.object({ command: z.literal('migrate') }),
  z.object({ command: z.literal('seed') }),
  z.object({ command: z.literal('enroll-code'), branchCode: z.string().optional(), role: DeviceRole.optional(), place: z.string().max(60).optional(), replaces: z.string().min(1).max(20).optional() }),
  z.object({ command: z.literal('device-place'), deviceCode: z.string().min(1).max(20), place: z.string().max(60).nullable() }),
  z.object({ command: z.literal('add-staff'), staff: StaffInput }),
  z.object({ command: z.literal('staff'), branchCode: z.string().min(1).max(20) }),
  z.object({ command: z.enum(['reset-pin', 'deactivate-staff', 'reactivate-staff', 'end-sessions']), branchCode: z.string().min(1).max(20), employeeNo: EmployeeNo }),
  z.object({ command: z.literal('add-branch'), branch: NewBranch }),
  z.object({ command: z.literal('branches') }),
  z.object({
    command: z.literal('admin-token'), label: z.string().min(1).max(60),
    feeds: z.array(z.enum(ADMIN_FEEDS)).min(1), branchCodes: z.array(z.string().min(1).max(20)).min(1).nullable(), days: z.number().int().min(1).max(3650).nullable(),
  }),
  z.object({ command: z.literal('admin-tokens') }),
  z.object({ command: z.literal('revoke-admin-token'), id: z.string().regex(/^[0-9a-f-]{4,36}$/i, 'the id as `admin-tokens` lists it (at least 4 characters)') }),
  z.object({ command: z.literal('revoke-device'), deviceCode: z.string().min(1).max(20) }),
  z.object({ command: z.literal('backup'), to: z.string().min(1).max(4096) }),
  z.object({ command: z.literal('unlock-staff'), branchCode: z.string().min(1).max(20), employeeNo: EmployeeNo }),
]);
// As sent (the CLI builds it, the socket parses it): the services apply defaults themselves.
export type CommandRequest = z.input<typeof CommandRequest>;

export async function runCommand(db: Db, services: Services, request: CommandRequest): Promise<string[]> {
  switch (request.command) {
    case 'migrate': {
      const applied = await migrate(db);
      return [applied.length ? `applied migrations: ${applied.join(', ')}` : 'the database is up to date'];
    }
    case 'seed': {
      const { created } = await seedDemo(db, services);
      return [created ? 'demo data loaded: branch MSK1' : 'demo data was already there: nothing changed'];
    }
    case 'enroll-code': {
      const made = await services.enrollment.createCode({ branchCode: request.branchCode, role: request.role, place: request.place, replaces: request.replaces });
      const where = request.place ? ` (${request.place})` : '';
      const replacing = made.replaces ? `, replacing ${made.replaces} (the new device takes its name, place and numbering; the old one stops working when the code is used)` : '';
      return [`one-time ${made.role} enrolment code for branch ${made.branchCode}${where}${replacing}, valid until ${made.expiresAt.toISOString()}:`, made.code];
    }
    case 'device-place': {
      if (!(await services.repos.devices.setPlace(db, request.deviceCode, request.place))) throw new NotFoundError(`no device with code "${request.deviceCode}"`);
      return [request.place ? `${request.deviceCode} stands at: ${request.place}` : `${request.deviceCode}: place cleared`];
    }
    case 'add-staff': {
      const { pinSetup } = await services.staff.add(request.staff);
      return [
        `staff ${request.staff.employeeNo} added to branch ${request.staff.branchCode}.`,
        ...(pinSetup ? [`They set their own PIN on a tablet («Новый PIN по коду») with this one-time code, valid until ${pinSetup.expiresAt.toISOString()}:`, formatPinSetupCode(pinSetup.code)] : []),
      ];
    }
    case 'staff': {
      const members = await services.staff.list(request.branchCode);
      if (members.length === 0) return [`branch ${request.branchCode} has no staff yet: add-staff adds them`];
      const pin = { 'set': 'PIN set', 'waiting-for-code': 'PIN: waiting for its code', 'code-expired': 'PIN: its code ran out (reset-pin makes a new one)' } as const;
      return members.map((m) => `${m.employeeNo}  ${m.name}  ${m.role}  ${m.active ? 'active' : 'DEACTIVATED'}  ${pin[m.pin]}  ${m.openSessions ? `signed in on ${m.openSessions} tablet${m.openSessions === 1 ? '' : 's'}` : 'not signed in'}`);
    }
    case 'reset-pin': {
      const reset = await services.staff.resetPin(request.branchCode, request.employeeNo);
      return [
        `the PIN of ${request.employeeNo} no longer works${reset.sessionsEnded ? ` and ${reset.sessionsEnded} session${reset.sessionsEnded === 1 ? '' : 's'} ended` : ''}.`,
        `They set a new one on a tablet («Новый PIN по коду») with this one-time code, valid until ${reset.expiresAt.toISOString()}:`,
        formatPinSetupCode(reset.code),
      ];
    }
    case 'deactivate-staff': {
      const done = await services.staff.deactivate(request.branchCode, request.employeeNo);
      return [done.wasActive ? `${request.employeeNo} of ${request.branchCode} deactivated: signs in nowhere${done.sessionsEnded ? `; ${done.sessionsEnded} open session${done.sessionsEnded === 1 ? '' : 's'} ended` : ''}` : `${request.employeeNo} of ${request.branchCode} was already deactivated; nothing changed`];
    }
    case 'reactivate-staff': {
      const done = await services.staff.reactivate(request.branchCode, request.employeeNo);
      return [done.wasActive ? `${request.employeeNo} of ${request.branchCode} was active; nothing changed` : `${request.employeeNo} of ${request.branchCode} is active again: signs in with their PIN`];
    }
    case 'end-sessions': {
      const done = await services.staff.endAllSessions(request.branchCode, request.employeeNo);
      return [`${done.sessionsEnded} open session${done.sessionsEnded === 1 ? '' : 's'} of ${request.employeeNo} ended; their tablets ask for a PIN again`];
    }
    case 'add-branch': {
      await services.branches.create(request.branch);
      return [`branch ${request.branch.code} created: enroll-code --branch ${request.branch.code} enrols its devices`];
    }
    case 'branches': {
      const all = await services.branches.list();
      if (all.length === 0) return ['no branches yet: add-branch (or seed --demo) makes one'];
      return all.map((b) => `${b.code}  ${b.name}  ${b.devices} device${b.devices === 1 ? '' : 's'}  ${b.staff} staff`);
    }
    case 'unlock-staff': {
      const branch = await services.repos.branches.findByCode(db, request.branchCode);
      if (!branch) throw new NotFoundError(`no branch with code "${request.branchCode}"`);
      const done = await services.staffSessions.unlockNumber({ branchId: branch.id, employeeNo: request.employeeNo }, null);
      return [done.wasLocked ? `employee number ${done.employeeNo} of ${request.branchCode} unlocked on every tablet` : `employee number ${done.employeeNo} of ${request.branchCode} was not locked; nothing changed`];
    }
    case 'revoke-device': {
      const done = await services.deviceRevocation.revoke(request.deviceCode);
      return [`${request.deviceCode} revoked: its token no longer works, its event stream ends${done.sessionsEnded ? `, and ${done.sessionsEnded} staff session${done.sessionsEnded === 1 ? '' : 's'} on it ended` : ''}; what it had not sent stays on it, and the branch's tablets show what its last report held until a supervisor marks it reviewed; enrol a replacement with a new code`];
    }
    case 'backup':
      return backupTo(db, request.to);
    case 'admin-token': {
      const { token, row } = await services.adminTokens.create({ label: request.label, feeds: request.feeds, branchCodes: request.branchCodes, days: request.days });
      return [`admin token ${row.id.slice(0, 8)} «${row.label}» for ${describeScope(row.feeds, row.branchCodes)}, ${row.expiresAt ? `until ${row.expiresAt.toISOString()}` : 'with no end'} (shown once; keep it secret):`, token];
    }
    case 'admin-tokens': {
      const rows = await services.adminTokens.list();
      if (rows.length === 0) return ['no admin tokens yet: `admin-token --label shop --feeds orders --branches MSK1` makes one'];
      const now = Date.now();
      return rows.map((t) => {
        const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : t.expiresAt && t.expiresAt.getTime() <= now ? `expired ${t.expiresAt.toISOString()}` : t.expiresAt ? `valid until ${t.expiresAt.toISOString()}` : 'valid, no end';
        const used = t.lastUsedAt ? `last used ${t.lastUsedAt.toISOString()}` : 'never used';
        return `${t.id.slice(0, 8)}  «${t.label}»  ${describeScope(t.feeds, t.branchCodes)}  ${state}  ${used}`;
      });
    }
    case 'revoke-admin-token': {
      const row = await services.adminTokens.revoke(request.id);
      return [row.revokedAt ? `admin token ${row.id.slice(0, 8)} «${row.label}» was already revoked; nothing changed` : `admin token ${row.id.slice(0, 8)} «${row.label}» revoked: its next request gets 401`];
    }
  }
}
