import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PROTOCOL_HEADER, PROTOCOL_MIN_HEADER, SERVER_TIME_HEADER } from '../../shared/protocol/limits';
import { STAFF_SESSION_HEADER } from '../../shared/protocol/staff';
import type { RegisteredRoute } from './route-registry';

/**
 * Who may call a route from a page of another origin, derived from the route itself: every
 * route a kiosk or tablet calls (device routes, and the two it calls before it has a
 * token or where it cannot send one: enrolment and the event stream) is allowed for the
 * app origins, with exactly its methods and the headers it takes; an admin feed never is.
 * So a route added to the registry is callable by the devices without a second list to
 * forget (test/server/cors.test.ts walks the registry to hold this).
 */
export function crossOriginRule(route: Pick<RegisteredRoute, 'auth' | 'body' | 'roles' | 'staff' | 'stream'>): { headers: string[] } | null {
  if (route.auth === 'admin') return null;
  const headers = ['authorization', PROTOCOL_HEADER, PROTOCOL_MIN_HEADER];
  if (route.body) headers.push('content-type');
  // A tablet's calls carry its signed-in staff member (some routes read it themselves).
  if (route.staff?.length || route.roles?.includes('tablet')) headers.push(STAFF_SESSION_HEADER);
  if (route.stream) headers.push('last-event-id');
  return { headers };
}

type Rule = { method: string; pattern: RegExp; headers: string[] };

/** The route's URL as a pattern: each `:param` one path segment. */
function patternOf(url: string): RegExp {
  const escaped = url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/');
  return new RegExp(`^${escaped}$`);
}

/**
 * @fastify/cors, with options made per request from the registry's routes: for an allowed
 * origin and a path a device route answers, the methods of the routes at that path and
 * the headers they take; for anything else no CORS header at all, so browsers keep
 * blocking it (and a preflight gets 404).
 */
export async function installAppCors(app: FastifyInstance, routes: () => readonly RegisteredRoute[], origins: readonly string[]): Promise<void> {
  const allowed = new Set(origins);
  let rules: Rule[] | null = null;
  // Built on first use: routes are added after the plugin is registered.
  const rulesNow = () => (rules ??= routes().flatMap((r) => {
    const rule = crossOriginRule(r);
    return rule ? [{ method: r.method, pattern: patternOf(r.url), headers: rule.headers }] : [];
  }));
  await app.register(cors, {
    hook: 'onRequest',
    delegator: (request: FastifyRequest, callback) => {
      const origin = request.headers.origin;
      const path = request.url.split('?')[0]!;
      const matching = origin && allowed.has(origin) ? rulesNow().filter((r) => r.pattern.test(path)) : [];
      if (matching.length === 0) return callback(null, { origin: false });
      callback(null, {
        origin,
        methods: [...new Set(matching.map((r) => r.method))],
        allowedHeaders: [...new Set(matching.flatMap((r) => r.headers))],
        // A page of another origin reads only the headers it is allowed to: the server's
        // clock, its protocol, and how long a busy server asks the device to wait.
        exposedHeaders: [SERVER_TIME_HEADER, PROTOCOL_HEADER, 'retry-after'],
        maxAge: 600,
      });
    },
  });
}
