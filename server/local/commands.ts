import { z } from 'zod';
import { DeviceRole } from '../../shared/protocol/enroll';
import type { Db } from '../db/db';
import { NotFoundError } from '../errors';
import { migrate } from '../db/migrate';
import { seedDemo } from '../seed/seed-demo';
import type { Services } from '../services';
import { StaffInput } from '../services/staff-service';
import { backupTo } from './backup';

/**
 * The CLI commands that change data, as one table: the CLI runs them on the database it
 * opened, or sends them to the running server through its local socket (admin-socket.ts)
 * when that server holds the embedded database. Either way the same code runs, and the
 * answer is the lines the CLI prints (the last one is what scripts read).
 */
export const CommandRequest = z.discriminatedUnion('command', [
  z.object({ command: z.literal('migrate') }),
  z.object({ command: z.literal('seed') }),
  z.object({ command: z.literal('enroll-code'), branchCode: z.string().optional(), role: DeviceRole, place: z.string().max(60).optional() }),
  z.object({ command: z.literal('device-place'), deviceCode: z.string().min(1).max(20), place: z.string().max(60).nullable() }),
  z.object({ command: z.literal('add-staff'), staff: StaffInput }),
  z.object({ command: z.literal('admin-token'), label: z.string().min(1).max(60) }),
  z.object({ command: z.literal('revoke-device'), deviceCode: z.string().min(1).max(20) }),
  z.object({ command: z.literal('backup'), to: z.string().min(1).max(4096) }),
  z.object({ command: z.literal('unlock-staff'), branchCode: z.string().min(1).max(20), employeeNo: z.string().regex(/^\d{3,8}$/, 'employee number: 3–8 digits') }),
]);
export type CommandRequest = z.infer<typeof CommandRequest>;

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
      const made = await services.enrollment.createCode({ branchCode: request.branchCode, role: request.role, place: request.place });
      const where = request.place ? ` (${request.place})` : '';
      return [`one-time ${made.role} enrolment code for branch ${made.branchCode}${where}, valid until ${made.expiresAt.toISOString()}:`, made.code];
    }
    case 'device-place': {
      if (!(await services.repos.devices.setPlace(db, request.deviceCode, request.place))) throw new NotFoundError(`no device with code "${request.deviceCode}"`);
      return [request.place ? `${request.deviceCode} stands at: ${request.place}` : `${request.deviceCode}: place cleared`];
    }
    case 'add-staff': {
      await services.staff.add(request.staff);
      return [`staff ${request.staff.employeeNo} added to branch ${request.staff.branchCode}`];
    }
    case 'unlock-staff': {
      const branch = await services.repos.branches.findByCode(db, request.branchCode);
      if (!branch) throw new NotFoundError(`no branch with code "${request.branchCode}"`);
      const done = await services.staffSessions.unlockNumber({ branchId: branch.id, employeeNo: request.employeeNo }, null);
      return [done.wasLocked ? `employee number ${done.employeeNo} of ${request.branchCode} unlocked on every tablet` : `employee number ${done.employeeNo} of ${request.branchCode} was not locked; nothing changed`];
    }
    case 'revoke-device': {
      const done = await services.deviceRevocation.revoke(request.deviceCode);
      return [`${request.deviceCode} revoked: its token no longer works, its event stream ends${done.sessionsEnded ? `, and ${done.sessionsEnded} staff session${done.sessionsEnded === 1 ? '' : 's'} on it ended` : ''}; enrol a replacement with a new code`];
    }
    case 'backup':
      return backupTo(db, request.to);
    case 'admin-token': {
      const token = await services.enrollment.createAdminToken(request.label);
      return ['admin token (shown once; keep it secret):', token];
    }
  }
}
