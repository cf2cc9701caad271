import { buildReceipt } from '../../shared/documents';
import type { Lang } from '../../shared/domain/money';
import { formatReceiptNumber } from '../../shared/domain/receipt-number';
import type { Order, OrderPickedUpPayload } from '../../shared/protocol';
import { enqueue, nextCounters } from './enqueue';
import { itemNames } from './item-names';
import type { KioskDb, ReceiptRow } from './kiosk-db';
import { uuidv7 } from './uuid7';

export type PickupOutcome =
  | { ok: true; receipt: ReceiptRow }
  // another session (a second window, a pull) changed the order since it was shown
  | { ok: false; reason: 'not-ready' | 'unknown-order' };

/**
 * Records a handover: the order becomes picked_up, its receipt gets the next gapless
 * number, and the transaction is queued, all in one strict-durability IndexedDB
 * transaction that has committed before this resolves. Only then may the receipt print
 * or the screen say "done", so every printed receipt has its queued transaction.
 */
export async function recordPickup(
  db: KioskDb,
  input: { code: string; verifiedBy: OrderPickedUpPayload['verifiedBy']; lang: Lang; now: Date; timeZone?: string },
): Promise<PickupOutcome> {
  return db.transaction('rw', [db.orders, db.products, db.outbox, db.receipts, db.settings], async (): Promise<PickupOutcome> => {
    const order: Order | undefined = await db.orders.get(input.code);
    if (!order) return { ok: false, reason: 'unknown-order' };
    if (order.status !== 'ready') return { ok: false, reason: 'not-ready' };
    const identity = await db.getSetting('identity');
    const branch = await db.getSetting('branch');
    if (!identity || !branch) throw new Error('the kiosk is not enrolled or has never synced');
    const names = await itemNames(db, order.items, input.lang);
    const { receipt: counter } = await nextCounters(db, { seq: 0, receipt: 1 });
    const number = formatReceiptNumber(identity.deviceCode, counter);
    const document = buildReceipt(
      {
        receiptId: uuidv7(input.now.getTime()),
        number,
        issuedAt: input.now.toISOString(),
        seller: branch,
        orderCode: order.code,
        lines: order.items.map((i) => ({ name: names.get(i.sku) ?? i.name, quantity: i.quantity, priceKopecks: i.priceKopecks })),
        payment: 'prepaid',
        ...(input.timeZone ? { timeZone: input.timeZone } : {}),
      },
      input.lang,
    );
    await db.orders.update(order.code, { status: 'picked_up' });
    await enqueue(db, 'order.pickedUp', { orderCode: order.code, receiptNumber: number, verifiedBy: input.verifiedBy }, input.now);
    const receipt: ReceiptRow = { number, orderCode: order.code, createdAt: input.now.getTime(), document };
    await db.receipts.add(receipt);
    return { ok: true, receipt };
  });
}
