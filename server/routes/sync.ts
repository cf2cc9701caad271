import { PullQuery, PullResponse, PushRequest, PushResponse } from '../../shared/protocol';
import { ForbiddenError } from '../errors';
import type { RouteRegistry } from '../http/route-registry';
import type { PullService } from '../services/sync/pull-service';
import type { PushService } from '../services/sync/push-service';
import type { DeviceTokenRotation } from '../services/device-tokens';
import type { Metrics } from '../http/metrics';

export function syncRoutes(routes: RouteRegistry, sync: { pull: PullService; push: PushService; deviceTokens: DeviceTokenRotation }, metrics?: Pick<Metrics, 'pushed'>): void {
  routes.add({
    method: 'GET',
    url: '/api/v1/sync/pull',
    summary: 'Changes for the device’s branch since the cursor, in pages',
    tag: 'sync',
    auth: 'device',
    roles: ['kiosk', 'tablet'],
    query: PullQuery,
    response: PullResponse,
    handler: async ({ query, device }) => {
      if (query.branch && query.branch !== device.branchCode) throw new ForbiddenError(`this device belongs to branch ${device.branchCode}, not ${query.branch}`);
      const page = await sync.pull.pull(device, query.cursor, query.limit);
      // A sync round is where a device's token is replaced when it is due (device-tokens.ts).
      const newToken = query.rotate ? await sync.deviceTokens.rotateIfDue(device) : undefined;
      return newToken ? { ...page, newToken } : page;
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
      const started = process.hrtime.bigint();
      // A device that gave up waiting (its 20 s) sends the batch again: the one it left is not worth a transaction.
      const results = await sync.push.push(device, body.transactions, request.log, () => request.raw.socket?.destroyed === true);
      metrics?.pushed(body.transactions, results, Number(process.hrtime.bigint() - started) / 1e9);
      return { results };
    },
  });
}
