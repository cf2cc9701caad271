import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DeviceRow } from '../repositories/device-repo';
import { parseOrThrow } from './parse';

export type AuthKind = 'none' | 'device' | 'admin';
export type Authenticator = {
  device(request: FastifyRequest): Promise<DeviceRow>;
  admin(request: FastifyRequest): Promise<void>;
};

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteSpec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined, R extends Schema, A extends AuthKind> = {
  method: 'GET' | 'POST' | 'PUT';
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
  handler: (input: {
    body: Out<B>;
    query: Out<Q>;
    params: Out<P>;
    device: A extends 'device' ? DeviceRow : undefined;
    reply: FastifyReply;
  }) => Promise<z.input<R>>;
};

export type RegisteredRoute = Pick<RouteSpec<Schema, Schema, Schema, Schema, AuthKind>, 'method' | 'url' | 'summary' | 'tag' | 'auth' | 'body' | 'query' | 'params' | 'response' | 'status'>;

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
  ) {}

  add<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined, R extends Schema, A extends AuthKind>(
    spec: RouteSpec<B, Q, P, R, A>,
  ): void {
    this.routes.push(spec as unknown as RegisteredRoute);
    this.app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        const device = spec.auth === 'device' ? await this.auth.device(request) : undefined;
        if (spec.auth === 'admin') await this.auth.admin(request);
        const input = {
          params: spec.params ? parseOrThrow(spec.params, request.params, 'params') : undefined,
          query: spec.query ? parseOrThrow(spec.query, request.query, 'query') : undefined,
          body: spec.body ? parseOrThrow(spec.body, request.body, 'body') : undefined,
        };
        const result = await spec.handler({ ...input, device, reply } as Parameters<typeof spec.handler>[0]);
        // The answer is ours: a mismatch is a server bug, and must not reach a device silently.
        const checked = spec.response.parse(result);
        if (spec.status) reply.status(spec.status);
        return checked;
      },
    });
  }
}
