import { z } from 'zod';
import type { Db } from '../db/db';
import { Order, OrderCode } from '../../shared/protocol';
import { PhoneCheckRequest, PhoneCheckResult } from '../../shared/protocol/catalogue';
import type { PhoneCheckService } from '../services/phone-check-service';
import { ForbiddenError, NotFoundError } from '../errors';
import type { RouteRegistry } from '../http/route-registry';
import type { OrderRepo } from '../repositories/order-repo';

/** An online look-up for an order the device has not pulled yet. */
export function orderRoutes(routes: RouteRegistry, deps: { db: Db; orders: Pick<OrderRepo, 'findForDevice'>; phoneChecks: PhoneCheckService }): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/orders/:code',
    summary: 'One pickup order of the device’s branch (429 after too many from one device)',
    tag: 'orders',
    auth: 'device',
    rateLimit: 'orderLookup',
    roles: ['kiosk', 'tablet'],
    params: z.object({ code: OrderCode }),
    response: Order,
    handler: async ({ params, device }) => {
      const order = await deps.orders.findForDevice(deps.db, params.code);
      if (!order) throw new NotFoundError(`no order ${params.code}`);
      if (order.branchId !== device.branchId) throw new ForbiddenError('this order belongs to another branch');
      const { branchId: _branchId, ...visible } = order;
      return visible;
    },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/orders/:code/phone-check',
    summary: 'The last 4 phone digits of an order, checked and counted per order (423 with lockedUntil after 5 wrong within an hour; 429 when a kiosk hammers it)',
    tag: 'orders',
    auth: 'device',
    rateLimit: 'orderLookup',
    roles: ['kiosk'],
    params: z.object({ code: OrderCode }),
    body: PhoneCheckRequest,
    response: PhoneCheckResult,
    handler: ({ params, device, body }) => deps.phoneChecks.check(device, params.code, body.last4),
  });
}
