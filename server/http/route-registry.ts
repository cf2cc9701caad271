import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DeviceRole } from '../../shared/protocol';
import type { StaffRole } from '../../shared/protocol/staff';
import type { StaffSessionRow } from '../repositories/staff-repo';
import { ForbiddenError } from '../errors';
import type { DeviceRow } from '../repositories/device-repo';
import type { AdminFeed } from '../repositories/admin-token-repo';
import type { AdminAccess } from '../services/admin-token-service';
import { parseOrThrow } from './parse';
import { servedProtocolVersion } from './protocol-version';
import { PROTOCOL_HEADER } from '../../shared/protocol/limits';
import { DEFAULT_RATE_LIMITS, rateLimitConfig, type RateLimits } from './rate-limits';

/** none: anyone (enrolment); device: a device token of one of `roles`; admin: an admin token. */
export type AuthKind = 'none' | 'device' | 'admin';
export type Authenticator = {
  device(request: FastifyRequest): Promise<DeviceRow>;
  /** what the admin token gives, refused (403 admin-scope) if it is not for `feed` */
  admin(request: FastifyRequest, feed: AdminFeed): Promise<AdminAccess>;
  /** the open staff session named by X-Staff-Session, of this tablet (a locked one only `whileLocked`) */
  staff(request: FastifyRequest, device: DeviceRow, options?: { whileLocked?: boolean }): Promise<StaffSessionRow>;
};

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteSpec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined, R extends Schema, A extends AuthKind> = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  response: R;
  /** status for a successful answer (200 unless the handler sets another) */
  status?: number;
  /** the handler answers on the raw response itself (an event stream); `response` only documents it */
  stream?: boolean;
  /**
   * The body is a batch of device transactions whose payloads the push service checks
   * one by one, so that one bad transaction is refused alone and never its batch; every
   * other body is checked whole here (http/parse.ts).
   */
  transactionBatch?: boolean;
  /** the device roles that may call a device route; the registry refuses the others (403) */
  roles?: A extends 'device' ? readonly DeviceRole[] : never;
  /** a staff action: the staff roles whose session (X-Staff-Session, of this tablet) may call it */
  staff?: A extends 'device' ? readonly StaffRole[] : never;
  /** the route serves a session whose tablet is locked (its unlock, its sign-out, its event stream); every other staff route answers 423 session-locked */
  whileLocked?: boolean;
  /** an admin route: the feed its token must be made for (orders, catalogue, passbook) */
  adminFeed?: A extends 'admin' ? AdminFeed : never;
  /** how often one client may call it (http/rate-limits.ts); every admin route has the admin rule without saying so */
  rateLimit?: keyof RateLimits;
  handler: (input: {
    body: Out<B>;
    query: Out<Q>;
    params: Out<P>;
    device: A extends 'device' ? DeviceRow : undefined;
    /** an admin route: its token's feeds and branches (services check a write's branch against it) */
    admin: A extends 'admin' ? AdminAccess : undefined;
    /** the staff session, on a route that declares `staff` */
    staff: StaffSessionRow | undefined;
    request: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<z.input<R>>;
};

export type RegisteredRoute = Pick<RouteSpec<Schema, Schema, Schema, Schema, AuthKind>, 'method' | 'url' | 'summary' | 'tag' | 'auth' | 'body' | 'query' | 'params' | 'response' | 'status' | 'stream' | 'rateLimit' | 'adminFeed'> & { roles?: readonly DeviceRole[]; staff?: readonly StaffRole[] };

/**
 * Every API route goes through here: inputs are parsed with the shared zod schemas before
 * the handler runs (a 400 names the field), the answer is checked against its schema,
 * and the route is recorded for the OpenAPI document, so the document cannot drift.
 */
export class RouteRegistry {
  readonly routes: RegisteredRoute[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly auth: Authenticator,
    private readonly limits: RateLimits = DEFAULT_RATE_LIMITS,
  ) {}

  add<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined, R extends Schema, A extends AuthKind>(
    spec: RouteSpec<B, Q, P, R, A>,
  ): void {
    if (spec.auth === 'device' && !spec.roles?.length) throw new Error(`${spec.method} ${spec.url}: a device route must name the roles that may call it`);
    if (spec.auth === 'admin' && !spec.adminFeed) throw new Error(`${spec.method} ${spec.url}: an admin route must name its feed`);
    this.routes.push(spec as unknown as RegisteredRoute);
    const roles: readonly DeviceRole[] = spec.roles ?? [];
    const limit = spec.rateLimit ?? (spec.auth === 'admin' ? 'admin' : undefined);
    this.app.route({
      method: spec.method,
      url: spec.url,
      ...(limit ? { config: { rateLimit: rateLimitConfig(this.limits[limit]) } } : {}),
      handler: async (request, reply) => {
        reply.header(PROTOCOL_HEADER, String(servedProtocolVersion(request)));
        const device = spec.auth === 'device' ? await this.auth.device(request) : undefined;
        if (device && !roles.includes(device.role)) {
          throw new ForbiddenError(`${spec.method} ${spec.url} is for ${roles.join(' and ')} devices, not a ${device.role}`, 'role-forbidden');
        }
        const staffRoles: readonly StaffRole[] | undefined = spec.staff;
        const staff = device && staffRoles ? await this.auth.staff(request, device, { whileLocked: spec.whileLocked === true }) : undefined;
        if (staff && staffRoles && !staffRoles.includes(staff.role)) {
          throw new ForbiddenError(`${spec.method} ${spec.url} is for a ${staffRoles.join(' or ')}, not an ${staff.role}`, 'role-forbidden');
        }
        const admin = spec.auth === 'admin' ? await this.auth.admin(request, spec.adminFeed!) : undefined;
        const input = {
          params: spec.params ? parseOrThrow(spec.params, request.params, 'params') : undefined,
          query: spec.query ? parseOrThrow(spec.query, request.query, 'query') : undefined,
          body: spec.body ? parseOrThrow(spec.body, request.body, 'body', !spec.transactionBatch, spec.auth === 'device') : undefined,
        };
        const result = await spec.handler({ ...input, device, admin, staff, request, reply } as Parameters<typeof spec.handler>[0]);
        if (spec.stream) return reply;
        // The answer is ours: a mismatch is a server bug, and must not reach a device silently.
        const checked = spec.response.parse(result);
        if (spec.status) reply.status(spec.status);
        return checked;
      },
    });
  }
}
