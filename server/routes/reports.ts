import { DayReport, DayReportQuery } from '../../shared/protocol/reports';
import type { Db } from '../db/db';
import type { RouteRegistry } from '../http/route-registry';
import type { ReportRepo } from '../repositories/report-repo';

/** The day's summary, for a supervisor: on the tablet's screen and on paper. */
export function reportRoutes(routes: RouteRegistry, deps: { db: Db; reports: Pick<ReportRepo, 'day'> }): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/reports/day',
    summary: 'The branch’s day (supervisor): pickups, sales, refunds, reprints, payments by method, open calls and refusals, late arrivals',
    tag: 'staff',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    query: DayReportQuery,
    response: DayReport,
    handler: async ({ device, query }) => ({ ...(await deps.reports.day(deps.db, device.branchId, query.date)), generatedAt: new Date().toISOString() }),
  });
}
