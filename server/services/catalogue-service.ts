import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/unique-violation';
import { addKopecks, multiplyKopecks } from '../../shared/domain/money';
import { maskPhone, phoneLast4, shortName } from '../../shared/domain/mask';
import { phoneLast4Hash } from '../../shared/domain/phone-check';
import { scanSecretHash } from '../../shared/domain/scan-code';
import type { OrderInput, ProductInput } from '../../shared/protocol';
import { ConflictError, ValidationError } from '../errors';
import { requireBranch, type AdminAccess } from './admin-token-service';
import type { EventRepo } from '../repositories/event-repo';
import type { BranchRepo } from '../repositories/branch-repo';
import type { OrderRepo } from '../repositories/order-repo';
import type { ProductRepo } from '../repositories/product-repo';

export type CatalogueDeps = {
  db: Db;
  branches: Pick<BranchRepo, 'findByCode'>;
  orders: Pick<OrderRepo, 'lockForFeed' | 'find' | 'upsert'>;
  products: Pick<ProductRepo, 'upsertMany'>;
  events: Pick<EventRepo, 'nudgeKiosks'>;
};

/**
 * Orders from the online shop and products from the back office. The full name, the
 * phone number and the QR secret stop here: the server keeps the short name, the masked
 * phone and hashes of the last 4 digits and of the secret (152-ФЗ data minimisation).
 */
export function createCatalogueService({ db, branches, orders, products, events }: CatalogueDeps) {
  return {
    /** `access`: the feed's token, whose branches the order must be of, before and after. */
    async putOrder(code: string, input: OrderInput, access?: AdminAccess): Promise<{ created: boolean }> {
      return db.tx(async (q) => {
        const branch = await branches.findByCode(q, input.branchCode);
        if (!branch) throw new ValidationError(`branchCode: no branch with code "${input.branchCode}"`, 'branchCode');
        requireBranch(access, branch, 'orders');
        // A feed and a pickup or payment of the same order take turns: without the lock a
        // feed could read the order ready, and write it back ready over a handover.
        await orders.lockForFeed(q, code);
        const existing = await orders.find(q, code);
        // Nor may it take an order away from a branch it does not serve.
        if (existing) requireBranch(access, { id: existing.branchId }, `order ${code}`);
        // A picked-up order is history: re-opening it would let the goods be handed over twice.
        if (existing?.status === 'picked_up') throw new ConflictError(`order ${code} was already picked up and cannot change`, 'order-picked-up');
        await orders.upsert(q, {
          code,
          branchId: branch.id,
          status: input.status,
          customerShortName: shortName(input.customerName),
          phoneMasked: maskPhone(input.phone),
          phoneLast4Hash: phoneLast4Hash(code, phoneLast4(input.phone)),
          scanSecretHash: input.scanSecret ? scanSecretHash(code, input.scanSecret) : null,
          items: input.items,
          totalKopecks: addKopecks(...input.items.map((i) => multiplyKopecks(i.priceKopecks, i.quantity))),
          paid: input.paid,
          shelf: input.shelf ?? null,
          source: input.source ?? null,
          customerCard: input.customerCard ?? null,
        });
        // The branch's kiosks pull now: a cancelled order is refused at once, a new one found.
        await events.nudgeKiosks(q, branch.id, 'orders');
        if (existing && existing.branchId !== branch.id) await events.nudgeKiosks(q, existing.branchId, 'orders');
        return { created: !existing };
      });
    },

    async putProducts(list: (ProductInput & { sku: string })[]): Promise<void> {
      try {
        await products.upsertMany(db, list);
      } catch (error) {
        // products.ean13 is UNIQUE: another SKU already carries this barcode.
        if (isUniqueViolation(error)) throw new ConflictError(`ean13: ${list.length === 1 ? list[0]!.ean13 : 'a barcode'} belongs to another product`, 'ean13-taken');
        throw error;
      }
    },
  };
}
export type CatalogueService = ReturnType<typeof createCatalogueService>;
