import { z } from 'zod';
import type { Db } from '../db/db';
import { Order, OrderCode } from '../../shared/protocol';
import { ForbiddenError, NotFoundError } from '../errors';
import type { RouteRegistry } from '../http/route-registry';
import type { OrderRepo } from '../repositories/order-repo';

/** An online look-up for an order the device has not pulled yet. */
export function orderRoutes(routes: RouteRegistry, deps: { db: Db; orders: Pick<OrderRepo, 'find'> }): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/orders/:code',
    summary: 'One pickup order of the device’s branch',
    tag: 'orders',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    params: z.object({ code: OrderCode }),
    response: Order,
    handler: async ({ params, device }) => {
      const order = await deps.orders.find(deps.db, params.code);
      if (!order) throw new NotFoundError(`no order ${params.code}`);
      if (order.branchId !== device.branchId) throw new ForbiddenError('this order belongs to another branch');
      const { branchId: _branchId, ...visible } = order;
      return visible;
    },
  });
}
