import { DeviceCodeParams, DeviceList, DeviceRevoked, DeviceStatusAck, DeviceStatusReport, EnrollRequest, EnrollResponse, ReplacementCode, RevokedWorkReviewed } from '../../shared/protocol';
import type { DeviceRow } from '../repositories/device-repo';
import type { StaffSessionRow } from '../repositories/staff-repo';
import type { DeviceRevocation } from '../services/device-revocation';
import type { RouteRegistry } from '../http/route-registry';
import type { DeviceStatusService } from '../services/device-status-service';
import type { EnrollmentService } from '../services/enrollment-service';

export function deviceRoutes(routes: RouteRegistry, enrollment: EnrollmentService, status: DeviceStatusService, revocation: DeviceRevocation): void {
  /** The supervisor as the services check them: their branch, their tablet, who they are. */
  const supervisorOf = (device: DeviceRow, staff: StaffSessionRow) => ({ branchId: device.branchId, deviceId: device.id, staffId: staff.staffId, employeeNo: staff.employeeNo });
  routes.add({
    method: 'POST',
    url: '/api/v1/devices/:code/revoke',
    summary: 'A supervisor takes a device of the branch out of service (stolen, broken): its token, staff sessions and event streams end; audited',
    tag: 'devices',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    params: DeviceCodeParams,
    response: DeviceRevoked,
    handler: async ({ device, staff, params }) => ({ deviceCode: params.code, ...(await revocation.revoke(params.code, supervisorOf(device, staff!))) }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/devices/:code/revoked-work/reviewed',
    summary: 'A supervisor marks as reviewed what a device of the branch taken out of service still held at its last report; it leaves the devices list; audited once',
    tag: 'devices',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    params: DeviceCodeParams,
    response: RevokedWorkReviewed,
    handler: async ({ device, staff, params }) => ({ deviceCode: params.code, result: await revocation.markWorkReviewed(params.code, supervisorOf(device, staff!)) }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/devices/:code/replacement',
    summary: 'A supervisor makes the one-time code with which a new device takes the place, name and numbering of a broken or stolen one; audited',
    tag: 'devices',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    params: DeviceCodeParams,
    response: ReplacementCode,
    status: 201,
    handler: async ({ device, staff, params }) => {
      const made = await enrollment.createCode({ replaces: params.code }, supervisorOf(device, staff!));
      return { deviceCode: params.code, code: made.code, expiresAt: made.expiresAt.toISOString() };
    },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/devices/enroll',
    summary: 'Trade a one-time enrolment code for a device token (429 after too many from one address)',
    tag: 'devices',
    auth: 'none',
    rateLimit: 'enrol',
    body: EnrollRequest,
    response: EnrollResponse,
    status: 201,
    handler: ({ body }) => enrollment.enroll(body.code),
  });
  routes.add({
    method: 'PUT',
    url: '/api/v1/devices/current/status',
    summary: 'A device says how it is after a sync round: its queue, its refused transactions, its printer, its version (its last contact)',
    tag: 'devices',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    body: DeviceStatusReport,
    response: DeviceStatusAck,
    handler: async ({ device, body }) => {
      await status.report(device, body);
      return { ok: true as const };
    },
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/devices',
    summary: 'Every device of the branch with its last contact, queue, refused transactions, printer and version, and what needs staff now',
    tag: 'devices',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    response: DeviceList,
    handler: ({ device }) => status.list(device.branchId),
  });
}
