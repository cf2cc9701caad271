import { pickupPaper } from '../../shared/documents/paper-sets';
import type { Lang } from '../../shared/domain/money';
import type { Order, OrderPickedUpPayload } from '../../shared/protocol';
import { itemNames } from './item-names';
import type { ReceiptRow } from './kiosk-db';
import type { LocalChanges } from './local-changes';

export type PickupOutcome =
  | { ok: true; receipt: ReceiptRow }
  // another session (a second window, a pull) changed the order since it was shown
  | { ok: false; code: 'picked-up' | 'cancelled' | 'unknown-order' };

/**
 * Records a handover: the order becomes picked_up, its receipt gets the next gapless
 * number, and the transaction is queued, all in one unit of work (local-changes.ts) that
 * has committed before this resolves. Only then may the receipt print or the screen say
 * "done", so every printed receipt has its queued transaction.
 */
export async function recordPickup(
  changes: LocalChanges,
  input: { code: string; verifiedBy: OrderPickedUpPayload['verifiedBy']; staffSessionId?: string | undefined; lang: Lang; now: Date },
): Promise<PickupOutcome> {
  const { db } = changes;
  return changes.run([db.orders, db.products, db.receipts], async (change): Promise<PickupOutcome> => {
    const order: Order | undefined = await db.orders.get(input.code);
    if (!order) return { ok: false, code: 'unknown-order' };
    if (order.status === 'picked_up') return { ok: false, code: 'picked-up' };
    if (order.status === 'cancelled') return { ok: false, code: 'cancelled' };
    const branch = await db.getSetting('branch');
    if (!branch) throw new Error('the kiosk has never synced: it does not know its branch');
    const names = await itemNames(db, order.items, input.lang);
    const products = await db.products.bulkGet(order.items.map((i) => i.sku));
    const number = change.nextReceiptNumber();
    // The receipt's time and the warranty's date are both in the branch's zone: one
    // handover never prints two different days. The same function rebuilds it on the
    // server for a reprint (КОПИЯ), from the transaction and the catalogue.
    const { document, warranties } = pickupPaper({
      number, issuedAt: input.now.toISOString(), seller: branch, orderCode: order.code, paidBy: order.paidBy ?? (order.paid ? 'online' : null),
      lines: order.items.map((i, index) => ({
        sku: i.sku, name: names.get(i.sku) ?? i.name, quantity: i.quantity, priceKopecks: i.priceKopecks,
        warrantyMonths: products[index]?.warrantyMonths ?? 0, model: products[index]?.model ?? null,
      })),
    }, input.lang);
    await db.orders.update(order.code, { status: 'picked_up' });
    const staff = input.staffSessionId ? { staffSessionId: input.staffSessionId } : {};
    await change.enqueue('order.pickedUp', { orderCode: order.code, receiptNumber: number, verifiedBy: input.verifiedBy, ...staff, paperLang: input.lang });
    const receipt: ReceiptRow = { number, orderCode: order.code, createdAt: input.now.getTime(), document, warranties };
    await db.receipts.add(receipt);
    return { ok: true, receipt };
  }, input.now);
}
