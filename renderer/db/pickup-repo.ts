import { type PaperDocument, buildReceipt, buildWarranty } from '../../shared/documents';
import { calendarDate } from '../../shared/domain/calendar';
import type { Lang } from '../../shared/domain/money';
import type { BranchInfo, Order, OrderPickedUpPayload } from '../../shared/protocol';
import { itemNames } from './item-names';
import type { KioskDb, ReceiptRow } from './kiosk-db';
import type { LocalChanges } from './local-changes';
import { uuidv7 } from './uuid7';

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
    const number = change.nextReceiptNumber();
    // The receipt's time and the warranty's date are both in the branch's zone: one
    // handover never prints two different days.
    const timeZone = branch.timeZone;
    const document = buildReceipt(
      {
        receiptId: uuidv7(input.now.getTime()),
        number,
        issuedAt: input.now.toISOString(),
        seller: branch,
        orderCode: order.code,
        lines: order.items.map((i) => ({ name: names.get(i.sku) ?? i.name, quantity: i.quantity, priceKopecks: i.priceKopecks })),
        payment: 'prepaid',
        timeZone,
      },
      input.lang,
    );
    const warranties = await warrantySlips(db, order, { seller: branch, receiptNumber: number, names, lang: input.lang, now: input.now, timeZone });
    await db.orders.update(order.code, { status: 'picked_up' });
    const staff = input.staffSessionId ? { staffSessionId: input.staffSessionId } : {};
    await change.enqueue('order.pickedUp', { orderCode: order.code, receiptNumber: number, verifiedBy: input.verifiedBy, ...staff });
    const receipt: ReceiptRow = { number, orderCode: order.code, createdAt: input.now.getTime(), document, warranties };
    await db.receipts.add(receipt);
    return { ok: true, receipt };
  }, input.now);
}

/**
 * One гарантийный талон per unit of every item whose catalogue entry has a warranty: each
 * unit has its own serial number, written in by the seller where the order has none. The
 * period runs from today, the handover. Built in the pickup's transaction and stored with
 * the receipt, so a reprint is the same paper with the same ids.
 */
async function warrantySlips(
  db: KioskDb,
  order: Order,
  context: { seller: BranchInfo; receiptNumber: string; names: Map<string, string>; lang: Lang; now: Date; timeZone: string },
): Promise<PaperDocument[]> {
  const products = await db.products.bulkGet(order.items.map((i) => i.sku));
  const saleDate = calendarDate(context.now.toISOString(), context.timeZone);
  const slips: PaperDocument[] = [];
  order.items.forEach((item, index) => {
    const product = products[index];
    if (!product || product.warrantyMonths <= 0) return;
    for (let unit = 0; unit < item.quantity; unit++) {
      slips.push(buildWarranty({
        warrantyId: uuidv7(context.now.getTime()),
        seller: context.seller,
        receiptNumber: context.receiptNumber,
        product: context.names.get(item.sku) ?? item.name,
        saleDate,
        warrantyMonths: product.warrantyMonths,
      }, context.lang));
    }
  });
  return slips;
}
