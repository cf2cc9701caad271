import { z } from 'zod';
import { ReturnKeyText, ReturnLookup } from '../../shared/protocol/returns';
import type { RouteRegistry } from '../http/route-registry';
import type { ReturnLookupService } from '../services/return-lookup-service';

/**
 * What goods come back from, for a supervisor's refund or return: a sale or a handed-over
 * pickup order of the branch, by a receipt's number or QR or an order's code. Beside
 * GET /api/v1/sales/{key}, which stays as it was for tablets that only refund sales.
 */
export function returnRoutes(routes: RouteRegistry, lookup: ReturnLookupService): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/returns/:key',
    summary: 'A sale or a handed-over pickup order of the tablet’s branch by receipt number, order code or a receipt’s QR, with what came back of it (supervisor, for a refund or return); another branch’s is named by its branch',
    tag: 'sales',
    auth: 'device',
    roles: ['tablet'],
    staff: ['supervisor'],
    params: z.object({ key: ReturnKeyText }),
    response: ReturnLookup,
    handler: async ({ params, device }) => lookup.find(device.branchId, params.key),
  });
}
