import { EmployeeNoParams, PinSetupDone, PinSetupRequest, StaffMemberAction, StaffMemberActionDone, StaffMemberList } from '../../shared/protocol/staff';
import type { RouteRegistry } from '../http/route-registry';
import type { StaffService } from '../services/staff-service';
import type { StaffSessionService } from '../services/staff-session-service';

/**
 * A branch's staff as its supervisors manage them on a tablet (issue 22), and the PIN a
 * person sets for themselves with a one-time code. The CLI does the same for any branch
 * (server/local/commands.ts); both go through staff-service.ts and its audit entries.
 */
export function staffMemberRoutes(routes: RouteRegistry, deps: { staff: StaffService; sessions: StaffSessionService }): void {
  routes.add({
    method: 'POST',
    url: '/api/v1/staff/pin',
    summary: 'A person sets their own PIN with the one-time code of their enrolment or reset (401 wrong-setup-code with attemptsLeft, 409 pin-setup-expired, 423 locked)',
    tag: 'staff',
    auth: 'device',
    rateLimit: 'signIn',
    roles: ['tablet'],
    body: PinSetupRequest,
    response: PinSetupDone,
    handler: ({ device, body }) => deps.sessions.setPin(device, body),
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/staff/members',
    summary: 'The branch’s staff: who is active, whose PIN waits for its code, who is signed in',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    response: StaffMemberList,
    handler: async ({ device }) => ({ members: await deps.staff.list(device.branchCode) }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/staff/members/:employeeNo/:action',
    summary: 'A supervisor resets a colleague’s PIN (answering the one-time code), deactivates or re-activates them, or ends all their sessions; audited',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    params: EmployeeNoParams.extend({ action: StaffMemberAction }),
    response: StaffMemberActionDone,
    handler: async ({ device, staff, params }) => {
      const by = { deviceId: device.id, staffId: staff!.staffId, employeeNo: staff!.employeeNo };
      const done = { employeeNo: params.employeeNo, action: params.action, sessionsEnded: 0, pinSetupCode: null as string | null, pinSetupExpiresAt: null as string | null };
      switch (params.action) {
        case 'reset-pin': {
          const reset = await deps.staff.resetPin(device.branchCode, params.employeeNo, by);
          return { ...done, sessionsEnded: reset.sessionsEnded, pinSetupCode: reset.code, pinSetupExpiresAt: reset.expiresAt.toISOString() };
        }
        case 'deactivate':
          return { ...done, sessionsEnded: (await deps.staff.deactivate(device.branchCode, params.employeeNo, by)).sessionsEnded };
        case 'reactivate':
          await deps.staff.reactivate(device.branchCode, params.employeeNo, by);
          return done;
        case 'end-sessions':
          return { ...done, sessionsEnded: (await deps.staff.endAllSessions(device.branchCode, params.employeeNo, by)).sessionsEnded };
      }
    },
  });
}
