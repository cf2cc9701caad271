import { z } from 'zod';
import { SaleKey, SaleRecord, saleKeyOf } from '../../shared/protocol/sales';
import type { Db } from '../db/db';
import { NotFoundError } from '../errors';
import type { RouteRegistry } from '../http/route-registry';
import type { SaleRepo } from '../repositories/sale-repo';

/** A sale for a refund: found by the receipt's number or its QR, online, with what was refunded already. */
export function saleRoutes(routes: RouteRegistry, deps: { db: Db; sales: Pick<SaleRepo, 'find'> }): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/sales/:key',
    summary: 'A sale of the tablet’s branch by receipt number or sale id, with its refunded units (for a refund)',
    tag: 'sales',
    auth: 'device',
    roles: ['tablet'],
    staff: ['associate', 'supervisor'],
    params: z.object({ key: SaleKey }),
    response: SaleRecord,
    handler: async ({ params, device }) => {
      const sale = await deps.sales.find(deps.db, device.branchId, saleKeyOf(params.key));
      if (!sale) throw new NotFoundError(`no sale ${params.key} in this branch`);
      return sale;
    },
  });
}
