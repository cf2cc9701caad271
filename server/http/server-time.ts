import type { FastifyInstance } from 'fastify';
import { SERVER_TIME_HEADER } from '../../shared/protocol/limits';

/**
 * Every API answer says the server's time (SERVER_TIME_HEADER, ms since the epoch), as
 * late as possible, so a device learns its clock's offset on every round; the device's
 * corrected time is what every rule compares (renderer/sync/clock.ts).
 */
export function installServerTime(app: FastifyInstance, now: () => number = Date.now): void {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header(SERVER_TIME_HEADER, String(now()));
  });
}
