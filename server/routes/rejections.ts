import { RejectionList, RejectionQuery } from '../../shared/protocol/rejections';
import type { Db } from '../db/db';
import type { RouteRegistry } from '../http/route-registry';
import type { RejectionRepo } from '../repositories/rejection-repo';

/**
 * The branch's rejected transactions, for staff to see and a supervisor to resolve (the
 * resolution itself is a transaction, `rejection.resolved`, through the push); and a
 * device's own, for its local quarantine to learn which were resolved.
 */
export function rejectionRoutes(routes: RouteRegistry, deps: { db: Db; rejections: Pick<RejectionRepo, 'list'> }): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/rejections',
    summary: 'The branch’s rejected transactions, newest first, with the facts that put them in plain words and their resolutions',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    query: RejectionQuery,
    response: RejectionList,
    handler: async ({ device, query }) => ({ rejections: await deps.rejections.list(deps.db, { branchId: device.branchId }, query.status === 'all') }),
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/devices/current/rejections',
    summary: 'This device’s own rejected transactions (open ones, or all), as the branch’s tablets see them',
    tag: 'sync',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    query: RejectionQuery,
    response: RejectionList,
    handler: async ({ device, query }) => ({ rejections: await deps.rejections.list(deps.db, { branchId: device.branchId, deviceId: device.id }, query.status === 'all') }),
  });
}
