import { z } from 'zod';
import { CardNumber, CustomerInput, LedgerEntriesRequest, LedgerEntriesResult, OrderCode, OrderInput, ProductInput, Sku } from '../../shared/protocol';
import type { RouteRegistry } from '../http/route-registry';
import type { CatalogueService } from '../services/catalogue-service';
import type { LedgerService } from '../services/ledger-service';

const Saved = z.object({ ok: z.literal(true), created: z.boolean().optional() });

/** Feeds from the online shop and the back office, with the admin token. */
export function adminRoutes(routes: RouteRegistry, catalogue: CatalogueService, ledger: LedgerService): void {
  routes.add({
    method: 'PUT',
    url: '/api/v1/admin/orders/:code',
    summary: 'Create or replace a pickup order',
    tag: 'admin',
    auth: 'admin',
    adminFeed: 'orders',
    params: z.object({ code: OrderCode }),
    body: OrderInput,
    response: Saved,
    handler: async ({ params, body, admin, reply }) => {
      const { created } = await catalogue.putOrder(params.code, body, admin);
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
    adminFeed: 'catalogue',
    params: z.object({ sku: Sku }),
    body: ProductInput,
    response: Saved,
    handler: async ({ params, body }) => {
      await catalogue.putProducts([{ ...body, sku: params.sku }]);
      return { ok: true as const };
    },
  });
  routes.add({
    method: 'PUT',
    url: '/api/v1/admin/customers/:cardNumber',
    summary: 'Create or change a passbook card holder (their book stays as it is)',
    tag: 'admin',
    auth: 'admin',
    adminFeed: 'passbook',
    params: z.object({ cardNumber: CardNumber }),
    body: CustomerInput,
    response: Saved,
    handler: async ({ params, body, admin, reply }) => {
      const { created } = await ledger.putCustomer(params.cardNumber, body, admin);
      reply.status(created ? 201 : 200);
      return { ok: true as const, created };
    },
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/admin/customers/:cardNumber/entries',
    summary: 'Add entries to a card holder’s book, in order; an entry sent again (by its id) is not added twice',
    tag: 'admin',
    auth: 'admin',
    adminFeed: 'passbook',
    params: z.object({ cardNumber: CardNumber }),
    body: LedgerEntriesRequest,
    response: LedgerEntriesResult,
    handler: ({ params, body, admin }) => ledger.addEntries(params.cardNumber, body.entries, admin),
  });
}
