import { AuditDay, AuditQuery } from '../../shared/protocol/audit';
import type { Db } from '../db/db';
import type { RouteRegistry } from '../http/route-registry';
import type { AuditRepo } from '../repositories/audit-repo';

/** The audit log of staff actions, for a supervisor: one day of the branch (today by default). */
export function auditRoutes(routes: RouteRegistry, deps: { db: Db; audit: Pick<AuditRepo, 'day'> }): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/audit',
    summary: 'The branch’s staff actions of a day (supervisor), a page at a time: sign-ins, failed ones, payments, handovers, sales, refunds…',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    query: AuditQuery,
    response: AuditDay,
    handler: ({ device, query }) => deps.audit.day(deps.db, device.branchId, query.date ?? null, { after: query.after, limit: query.limit }),
  });
}
