import type { Db } from '../db/db';
import { addKopecks, multiplyKopecks } from '../../shared/domain/money';
import { maskPhone, phoneLast4, shortName } from '../../shared/domain/mask';
import { phoneLast4Hash } from '../../shared/domain/phone-check';
import type { OrderInput, ProductInput } from '../../shared/protocol';
import { ConflictError, ValidationError } from '../errors';
import { findBranchByCode } from '../repositories/branch-repo';
import { findOrder, upsertOrder } from '../repositories/order-repo';
import { upsertProducts } from '../repositories/product-repo';

/**
 * Orders from the online shop. The full name and phone stop here: the server keeps the
 * short name, the masked phone and a hash of the last 4 digits (152-ФЗ data minimisation).
 */
export async function putOrder(db: Db, code: string, input: OrderInput): Promise<{ created: boolean }> {
  return db.tx(async (q) => {
    const branch = await findBranchByCode(q, input.branchCode);
    if (!branch) throw new ValidationError(`branchCode: no branch with code "${input.branchCode}"`, 'branchCode');
    const existing = await findOrder(q, code);
    // A picked-up order is history: re-opening it would let the goods be handed over twice.
    if (existing?.status === 'picked_up') throw new ConflictError(`order ${code} was already picked up and cannot change`, 'order-picked-up');
    await upsertOrder(q, {
      code,
      branchId: branch.id,
      status: input.status,
      customerShortName: shortName(input.customerName),
      phoneMasked: maskPhone(input.phone),
      phoneLast4Hash: phoneLast4Hash(code, phoneLast4(input.phone)),
      items: input.items,
      totalKopecks: addKopecks(...input.items.map((i) => multiplyKopecks(i.priceKopecks, i.quantity))),
      paid: input.paid,
      shelf: input.shelf ?? null,
      source: input.source ?? null,
    });
    return { created: !existing };
  });
}

export async function putProduct(db: Db, sku: string, input: ProductInput): Promise<void> {
  try {
    await upsertProducts(db, [{ ...input, sku }]);
  } catch (error) {
    // products.ean13 is UNIQUE: another SKU already carries this barcode.
    if ((error as { code?: string }).code === '23505') throw new ConflictError(`ean13: ${input.ean13} belongs to another product`, 'ean13-taken');
    throw error;
  }
}
