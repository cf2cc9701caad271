import { EnrollRequest, EnrollResponse } from '../../shared/protocol';
import type { RouteRegistry } from '../http/route-registry';
import type { EnrollmentService } from '../services/enrollment-service';

export function deviceRoutes(routes: RouteRegistry, enrollment: EnrollmentService): void {
  routes.add({
    method: 'POST',
    url: '/api/v1/devices/enroll',
    summary: 'Trade a one-time enrolment code for a device token',
    tag: 'devices',
    auth: 'none',
    body: EnrollRequest,
    response: EnrollResponse,
    status: 201,
    handler: ({ body }) => enrollment.enroll(body.code),
  });
}
