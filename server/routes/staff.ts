import { EmployeeNoParams, Locked, NumberUnlocked, SignedOut, SignOutQuery, StaffSession, StaffSignInRequest, Unlocked, UnlockRequest } from '../../shared/protocol/staff';
import type { RouteRegistry } from '../http/route-registry';
import type { StaffSessionService } from '../services/staff-session-service';

/** Staff sign-in on a tablet: the tablet's device token, then the staff member's number and PIN. */
export function staffRoutes(routes: RouteRegistry, sessions: StaffSessionService): void {
  routes.add({
    method: 'POST',
    url: '/api/v1/staff/sessions',
    summary: 'A staff member signs in on this tablet (401 with attemptsLeft, 423 with lockedUntil, 429 when the tablet hammers it)',
    tag: 'staff',
    auth: 'device',
    rateLimit: 'signIn',
    roles: ['tablet'],
    body: StaffSignInRequest,
    response: StaffSession,
    status: 201,
    handler: ({ body, device }) => sessions.signIn(device, body),
  });
  routes.add({
    method: 'DELETE',
    url: '/api/v1/staff/sessions/current',
    summary: 'The signed-in staff member signs out (X-Staff-Session)',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    whileLocked: true,
    query: SignOutQuery,
    response: SignedOut,
    handler: async ({ device, staff, query }) => {
      await sessions.signOut(device, staff!, query.endSeq ?? null);
      return { ended: true as const };
    },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/staff/sessions/current/unlock',
    summary: 'The PIN again after the tablet locked itself (401 with attemptsLeft, 423 with lockedUntil, 429 when the tablet hammers it)',
    tag: 'staff',
    auth: 'device',
    rateLimit: 'signIn',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    whileLocked: true,
    body: UnlockRequest,
    response: Unlocked,
    handler: async ({ device, staff, body }) => {
      await sessions.unlock(device, staff!, body.pin);
      return { unlocked: true as const };
    },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/staff/sessions/current/lock',
    summary: 'The tablet locked itself (2 minutes untouched): recorded in the audit log',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    whileLocked: true,
    response: Locked,
    handler: async ({ device, staff }) => {
      await sessions.locked(device, staff!);
      return { locked: true as const };
    },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/staff/numbers/:employeeNo/unlock',
    summary: 'A supervisor lifts the lock of an employee number on every tablet of the branch (too many wrong PINs); recorded in the audit log',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    params: EmployeeNoParams,
    response: NumberUnlocked,
    handler: ({ device, staff, params }) => sessions.unlockNumber({ branchId: device.branchId, employeeNo: params.employeeNo }, { device, session: staff! }),
  });
}
