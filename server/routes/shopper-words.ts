import { z } from 'zod';
import { ShopperWords } from '../../shared/protocol';
import type { Db } from '../db/db';
import type { RouteRegistry } from '../http/route-registry';
import type { ShopperWordRepo } from '../repositories/shopper-word-repo';

/** The shoppers' words the back office adds to the tablets' catalogue search: it sends them, tablets read them. */
export function shopperWordRoutes(routes: RouteRegistry, deps: { db: Db; shopperWords: ShopperWordRepo }): void {
  routes.add({
    method: 'PUT',
    url: '/api/v1/admin/shopper-words',
    summary: 'Replace the shoppers’ words the tablets’ catalogue search adds to its own',
    tag: 'admin',
    auth: 'admin',
    adminFeed: 'catalogue',
    body: ShopperWords,
    response: z.object({ ok: z.literal(true), count: z.number().int() }),
    handler: async ({ body }) => {
      await deps.db.tx((q) => deps.shopperWords.replaceAll(q, body.words));
      return { ok: true as const, count: Object.keys(body.words).length };
    },
  });
  routes.add({
    method: 'GET',
    url: '/api/v1/shopper-words',
    summary: 'The back office’s shoppers’ words, for the tablet’s catalogue search',
    tag: 'catalogue',
    auth: 'device',
    roles: ['tablet'],
    response: ShopperWords,
    handler: async () => ({ words: await deps.shopperWords.all(deps.db) }),
  });
}
