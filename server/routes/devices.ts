import { DeviceList, DeviceStatusAck, DeviceStatusReport, EnrollRequest, EnrollResponse } from '../../shared/protocol';
import type { RouteRegistry } from '../http/route-registry';
import type { DeviceStatusService } from '../services/device-status-service';
import type { EnrollmentService } from '../services/enrollment-service';

export function deviceRoutes(routes: RouteRegistry, enrollment: EnrollmentService, status: DeviceStatusService): void {
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
