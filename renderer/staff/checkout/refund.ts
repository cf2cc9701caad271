import { buildRefund } from '../../../shared/documents';
import { multiplyKopecks, type Lang } from '../../../shared/domain/money';
import { saleKeyOf, type SaleRecord } from '../../../shared/protocol/sales';
import type { RefundLine } from '../../../shared/protocol/transactions/sale';
import type { Services } from '../../app/services';
import type { HostBridge, PrintProblem } from '../../bridge/host-bridge';
import type { ReceiptRow } from '../../db/kiosk-db';
import type { LocalChanges } from '../../db/local-changes';
import { uuidv7 } from '../../db/uuid7';
import { OfflineError } from '../../sync/api-client';

export type FoundSale = { ok: true; sale: SaleRecord; fromServer: boolean } | { ok: false; code: 'not-found' | 'offline-not-here' };

/**
 * The sale a receipt names (its number typed, or its QR scanned): the server's record
 * first, which knows refunds made on other tablets, kept on this tablet; offline, this
 * tablet's own record (its own sales, and those it looked up before).
 */
export async function findSale(services: Pick<Services, 'db' | 'identity' | 'api'>, staffSession: string, text: string): Promise<FoundSale> {
  const key = saleKeyOf(text);
  const local = async () => (await services.db.sales.get(key)) ?? (await services.db.sales.where('receiptNumber').equals(key).first());
  const token = (await services.identity.get())?.token;
  try {
    if (!token) throw new OfflineError('not enrolled');
    const sale = await services.api.sale(token, staffSession, key);
    await services.db.sales.put(sale);
    return { ok: true, sale, fromServer: true };
  } catch (error) {
    if (!(error instanceof OfflineError)) return { ok: false, code: 'not-found' };
    const sale = await local();
    return sale ? { ok: true, sale, fromServer: false } : { ok: false, code: 'offline-not-here' };
  }
}

/** What can still come back of a line: units, and for serial-numbered goods which units. */
export function returnable(line: SaleRecord['lines'][number]): { qty: number; serials: string[] } {
  const serials = line.serials.filter((s) => !line.refundedSerials.includes(s));
  return { qty: line.qty - line.refundedQty, serials };
}

/** The money a refund gives back: the sale's prices, never the catalogue's today. */
export function refundAmount(sale: SaleRecord, lines: RefundLine[]): number {
  return lines.reduce((sum, l) => sum + multiplyKopecks(sale.lines.find((s) => s.sku === l.sku)!.priceKopecks, l.qty), 0);
}

export type RefundOutcome = { ok: true; receipt: ReceiptRow; printProblem: PrintProblem | null } | { ok: false; code: 'failed' };

/**
 * A refund recorded like a sale: the tablet's next number for the slip, the ВОЗВРАТ slip,
 * the queued `sale.refunded`, the sale's refunded units on this tablet and the stored slip,
 * in one unit of work; then the slip prints. The server checks it again (supervisors only,
 * never more than sold less refunded, also by other tablets meanwhile).
 */
export async function recordRefund(
  deps: { changes: LocalChanges; host: Pick<HostBridge, 'print'> },
  input: { sale: SaleRecord; lines: RefundLine[]; staffSessionId: string; staffName: string; lang: Lang; now?: Date },
): Promise<RefundOutcome> {
  const now = input.now ?? deps.changes.now();
  const { db } = deps.changes;
  let receipt: ReceiptRow;
  try {
    receipt = await deps.changes.run([db.receipts, db.sales, db.products], async (change) => {
      const branch = await db.getSetting('branch');
      if (!branch) throw new Error('the tablet has never synced: it does not know its branch');
      const number = change.nextReceiptNumber();
      const refundId = uuidv7(now.getTime());
      const names = new Map(input.sale.lines.map((l) => [l.sku, l]));
      // The catalogue's name in the slip's language (what the server's copy prints too); the sale's own name if the tablet lacks the product.
      const products = await db.products.bulkGet(input.lines.map((l) => l.sku));
      const document = buildRefund({
        refundId, number, saleNumber: input.sale.receiptNumber, issuedAt: now.toISOString(), seller: branch, timeZone: branch.timeZone,
        method: input.sale.method, staffName: input.staffName,
        lines: input.lines.map((l, i) => ({
          name: products[i] ? (input.lang === 'ru' ? products[i]!.nameRu : products[i]!.nameEn) : names.get(l.sku)!.name,
          quantity: l.qty, priceKopecks: names.get(l.sku)!.priceKopecks,
        })),
      }, input.lang);
      await change.enqueue('sale.refunded', { refundId, saleId: input.sale.saleId, receiptNumber: number, lines: input.lines, staffSessionId: input.staffSessionId, paperLang: input.lang });
      await db.sales.put({
        ...input.sale,
        lines: input.sale.lines.map((l) => {
          const back = input.lines.find((r) => r.sku === l.sku);
          return back ? { ...l, refundedQty: l.refundedQty + back.qty, refundedSerials: [...l.refundedSerials, ...(back.serials ?? [])] } : l;
        }),
      });
      const row: ReceiptRow = { number, createdAt: now.getTime(), document, warranties: [] };
      await db.receipts.add(row);
      return row;
    }, now);
  } catch (error) {
    console.error('the refund could not be recorded on this tablet', error);
    return { ok: false, code: 'failed' };
  }
  const printed = await deps.host.print([receipt.document]);
  return { ok: true, receipt, printProblem: printed.ok ? null : printed.code };
}
