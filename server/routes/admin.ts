import { z } from 'zod';
import { OrderCode, OrderInput, ProductInput, Sku } from '../../shared/protocol';
import type { RouteRegistry } from '../http/route-registry';
import type { CatalogueService } from '../services/catalogue-service';

const Saved = z.object({ ok: z.literal(true), created: z.boolean().optional() });

/** Feeds from the online shop and the back office, with the admin token. */
export function adminRoutes(routes: RouteRegistry, catalogue: CatalogueService): void {
  routes.add({
    method: 'PUT',
    url: '/api/v1/admin/orders/:code',
    summary: 'Create or replace a pickup order',
    tag: 'admin',
    auth: 'admin',
    params: z.object({ code: OrderCode }),
    body: OrderInput,
    response: Saved,
    handler: async ({ params, body, reply }) => {
      const { created } = await catalogue.putOrder(params.code, body);
      reply.status(created ? 201 : 200);
      return { ok: true as const, created };
    },
  });
  routes.add({
    method: 'PUT',
    url: '/api/v1/admin/products/:sku',
    summary: 'Create or replace a catalogue product',
    tag: 'admin',
    auth: 'admin',
    params: z.object({ sku: Sku }),
    body: ProductInput,
    response: Saved,
    handler: async ({ params, body }) => {
      await catalogue.putProducts([{ ...body, sku: params.sku }]);
      return { ok: true as const };
    },
  });
}
