import type { FastifyInstance } from 'fastify';
import { KIOSK_APP_ORIGIN } from '../../shared/protocol/origins';

/** The routes a kiosk calls: enrolment, sync and order lookup. Never the admin feeds. */
const DEVICE_ROUTES = /^\/api\/v1\/(devices\/enroll|sync\/(pull|push)|orders\/[^/?]+|events(\/ticket|\/poll)?)(\?|$)/;

/**
 * Cross-origin access for the Electron kiosk, whose page is served from app://kiosk and
 * calls this server: that origin alone, on the device routes alone (with a preflight for
 * the bearer token and JSON body). A browser kiosk is served by this server itself and
 * needs none of it; any other origin gets no CORS header, so browsers keep blocking it.
 */
export function installKioskCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.origin !== KIOSK_APP_ORIGIN || !DEVICE_ROUTES.test(request.url)) return;
    reply.header('Access-Control-Allow-Origin', KIOSK_APP_ORIGIN);
    reply.header('Vary', 'Origin');
    if (request.method === 'OPTIONS') {
      reply.header('Access-Control-Allow-Methods', 'GET, POST');
      reply.header('Access-Control-Allow-Headers', 'authorization, content-type, x-okno-protocol, x-staff-session, last-event-id');
      reply.header('Access-Control-Max-Age', '600');
      return reply.code(204).send();
    }
  });
}
