import type { Db } from '../db/db';
import { EnrollRequest, EnrollResponse } from '../../shared/protocol';
import type { RouteRegistry } from '../http/route-registry';
import { enrollDevice } from '../services/enrollment-service';

export function deviceRoutes(routes: RouteRegistry, db: Db): void {
  routes.add({
    method: 'POST',
    url: '/api/v1/devices/enroll',
    summary: 'Trade a one-time enrolment code for a device token',
    tag: 'devices',
    auth: 'none',
    body: EnrollRequest,
    response: EnrollResponse,
    status: 201,
    handler: ({ body }) => enrollDevice(db, body.code),
  });
}
