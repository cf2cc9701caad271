import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TooManyRequestsError } from '../errors';

/**
 * How often one client may call a route: `max` requests a `perMs` window, counted per
 * route and per device (its token: tablets of one branch share an address behind its
 * router) or per address (before a device has a token, and the admin feeds). Counted in
 * each server process's memory: N processes allow N times as much (docs/operations.md).
 */
export type RateRule = { max: number; perMs: number; by: 'device' | 'address' };

export type RateLimits = {
  /** POST /devices/enroll: one-time codes must not be guessed */
  enrol: RateRule;
  /** a staff sign-in or unlock: a PIN check costs 0.1 s of scrypt, and guessing is what the lockout is for */
  signIn: RateRule;
  /** an order looked up by its code, and its phone digits checked */
  orderLookup: RateRule;
  /** every admin route (the shop's feeds, the back office's ledgers) */
  admin: RateRule;
};

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enrol: { max: 30, perMs: 60_000, by: 'address' },
  signIn: { max: 20, perMs: 60_000, by: 'device' },
  orderLookup: { max: 60, perMs: 60_000, by: 'device' },
  admin: { max: 1200, perMs: 60_000, by: 'address' },
};

/**
 * @fastify/rate-limit, for the routes that name a rule (route-registry.ts): answered 429
 * `too-many-requests` with Retry-After, in the API's own error shape.
 */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(`too many requests: try again in ${context.after}`, Math.ceil(context.ttl / 1000)),
  });
}

/** The plugin's options for one route's rule (the plugin keeps a count per route). */
export function rateLimitConfig(rule: RateRule) {
  return {
    max: rule.max,
    timeWindow: rule.perMs,
    keyGenerator: (request: FastifyRequest) => (rule.by === 'device' ? deviceKey(request) : null) ?? request.ip,
  };
}

/** The device's token, hashed (the count's key is never the token itself); none: count by address. */
function deviceKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header ? `device:${createHash('sha256').update(header).digest('base64url')}` : null;
}
