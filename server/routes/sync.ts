import { PullQuery, PullResponse, PushRequest, PushResponse } from '../../shared/protocol';
import { ForbiddenError } from '../errors';
import type { RouteRegistry } from '../http/route-registry';
import type { PullService } from '../services/sync/pull-service';
import type { PushService } from '../services/sync/push-service';

export function syncRoutes(routes: RouteRegistry, sync: { pull: PullService; push: PushService }): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/sync/pull',
    summary: 'Changes for the device’s branch since the cursor, in pages',
    tag: 'sync',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    query: PullQuery,
    response: PullResponse,
    handler: ({ query, device }) => {
      if (query.branch && query.branch !== device.branchCode) throw new ForbiddenError(`this device belongs to branch ${device.branchCode}, not ${query.branch}`);
      return sync.pull.pull(device, query.cursor, query.limit);
    },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/sync/push',
    summary: 'Queued transactions of this device; one result per id, in order',
    tag: 'sync',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    body: PushRequest,
    transactionBatch: true,
    response: PushResponse,
    handler: async ({ body, device, request }) => {
      if (body.deviceId && body.deviceId !== device.id) throw new ForbiddenError('a device may only push its own transactions');
      return { results: await sync.push.push(device, body.transactions, request.log) };
    },
  });
}
