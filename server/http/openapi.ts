import { z } from 'zod';
import { ApiError } from '../../shared/protocol';
import type { RegisteredRoute } from './route-registry';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
}

/** Fastify's "/orders/:code" → OpenAPI's "/orders/{code}". */
function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

function parameters(route: RegisteredRoute) {
  const list: object[] = [];
  for (const where of ['params', 'query'] as const) {
    const schema = route[where];
    if (!schema) continue;
    const json = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where === 'params' ? 'path' : 'query', required: where === 'params' || (json.required ?? []).includes(name), schema: prop });
    }
  }
  return list;
}

/** The OpenAPI 3.0 document, generated from the same zod schemas the routes validate with. */
export function buildOpenApi(routes: RegisteredRoute[], version: string) {
  const errorResponse = { description: 'error', content: { 'application/json': { schema: jsonSchema(ApiError, 'output') } } };
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const ok = String(route.status ?? 200);
    const responses: Record<string, object> = {
      [ok]: { description: 'success', content: { [route.stream ? 'text/event-stream' : 'application/json']: { schema: jsonSchema(route.response, 'output') } } },
      '400': errorResponse,
    };
    if (route.auth !== 'none') Object.assign(responses, { '401': errorResponse, '403': errorResponse });
    (paths[openApiPath(route.url)] ??= {})[route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.auth !== 'none' ? { security: [{ [route.auth === 'device' ? 'deviceToken' : 'adminToken']: [], ...(route.staff ? { staffSession: [] } : {}) }] } : {}),
      ...(route.roles ? { 'x-okno-device-roles': route.roles } : {}),
      ...(route.staff ? { 'x-okno-staff-roles': route.staff } : {}),
      parameters: parameters(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'okno central server', version, description: 'Sync API for okno kiosks and staff tablets, and the admin feeds.' },
    components: {
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: 'from POST /api/v1/devices/enroll' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'from `npm run server -- admin-token`' },
        staffSession: { type: 'apiKey', in: 'header', name: 'X-Staff-Session', description: 'from POST /api/v1/staff/sessions, beside the tablet’s device token' },
      },
    },
    paths,
  };
}
