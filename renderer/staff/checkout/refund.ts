import { buildRefund } from '../../../shared/documents';
import { paperId } from '../../../shared/domain/paper-id';
import { multiplyKopecks, type Lang } from '../../../shared/domain/money';
import { parseReceiptNumber } from '../../../shared/domain/receipt-number';
import { returnKeyOf, type HandedOverLine, type HandoverRecord, type ReturnKey, type ReturnMethod } from '../../../shared/protocol/returns';
import type { SaleRecord, SoldLine } from '../../../shared/protocol/sales';
import type { RefundLine } from '../../../shared/protocol/transactions/sale';
import type { Services } from '../../app/services';
import type { HostBridge, PrintProblem } from '../../bridge/host-bridge';
import type { KioskDb, ReceiptRow } from '../../db/kiosk-db';
import type { LocalChanges } from '../../db/local-changes';
import { uuidv7 } from '../../db/uuid7';
import { OfflineError } from '../../sync/api-client';

/**
 * What goods come back from: a sale made at a tablet (sale.refunded), or a pickup order the
 * branch handed over at a kiosk or at the desk (order.returned). One panel, one way of
 * choosing what comes back and one slip serve both; only the queued kind differs.
 */
export type Returnable = { kind: 'sale'; sale: SaleRecord } | { kind: 'order'; order: HandoverRecord };
/** A line as the panel shows it: an order's says whether a serial must be read off the unit. */
export type ReturnableLine = SoldLine & { serialRequired?: boolean };

export type FoundReturnable =
  | { ok: true; found: Returnable; fromServer: boolean }
  /** not-found: nothing of the branch by that; offline-not-here: the server cannot be reached and this tablet does not hold it */
  | { ok: false; code: 'not-found' | 'offline-not-here' }
  /** another branch sold or handed it over: `branch` is its name (its code, from a receipt number, offline) */
  | { ok: false; code: 'other-branch'; branch: string }
  /** an order still on the shelf, or cancelled: nothing to take back */
  | { ok: false; code: 'not-handed-over'; orderCode: string; status: 'ready' | 'cancelled' };

export const linesOf = (r: Returnable): ReturnableLine[] => (r.kind === 'sale' ? r.sale.lines : r.order.lines);
/** The way money goes back: the way it came. */
export const methodOf = (r: Returnable): ReturnMethod => (r.kind === 'sale' ? r.sale.method : r.order.paidBy);
/** The receipt the goods were sold or handed over with. */
export const receiptOf = (r: Returnable): string => (r.kind === 'sale' ? r.sale.receiptNumber : r.order.receiptNumber);

/**
 * What a receipt (its number typed, or its QR scanned) or an order code names: the
 * server's record first, which knows what came back on other tablets, kept on this tablet;
 * offline, this tablet's own record (its own sales, and what it looked up before).
 */
export async function findReturnable(services: Pick<Services, 'db' | 'identity' | 'api'>, staffSession: string, text: string): Promise<FoundReturnable> {
  const key = returnKeyOf(text);
  if (!key) return { ok: false, code: 'not-found' };
  const identity = await services.identity.get();
  try {
    if (!identity?.token) throw new OfflineError('not enrolled');
    const found = await services.api.returnable(identity.token, staffSession, text.trim());
    switch (found.found) {
      case 'sale':
        await services.db.sales.put(found.sale);
        return { ok: true, found: { kind: 'sale', sale: found.sale }, fromServer: true };
      case 'order':
        await services.db.handovers.put(found.order);
        return { ok: true, found: { kind: 'order', order: found.order }, fromServer: true };
      case 'other-branch':
        return { ok: false, code: 'other-branch', branch: found.branchName };
      case 'not-handed-over':
        return { ok: false, code: 'not-handed-over', orderCode: found.orderCode, status: found.status };
    }
  } catch (error) {
    if (!(error instanceof OfflineError)) return { ok: false, code: 'not-found' };
    const local = await held(services.db, key);
    if (local) return { ok: true, found: local, fromServer: false };
    // A receipt number names its device, and so its branch.
    const branch = key.kind === 'number' ? parseReceiptNumber(key.number)?.deviceCode.split('-')[0] : undefined;
    return branch && identity && branch !== identity.branchCode ? { ok: false, code: 'other-branch', branch } : { ok: false, code: 'offline-not-here' };
  }
}

/** What this tablet holds by that key: a handover receipt's QR names a hash of its number (paperId), tried against the orders it holds. */
async function held(db: KioskDb, key: ReturnKey): Promise<Returnable | null> {
  const sale = key.kind === 'id' ? await db.sales.get(key.id) : key.kind === 'number' ? await db.sales.where('receiptNumber').equals(key.number).first() : undefined;
  if (sale) return { kind: 'sale', sale };
  const order = key.kind === 'order' ? await db.handovers.get(key.code)
    : key.kind === 'number' ? await db.handovers.where('receiptNumber').equals(key.number).first()
      : await db.handovers.filter((h) => paperId('receipt', h.receiptNumber) === key.id).first();
  return order ? { kind: 'order', order } : null;
}

/** What can still come back of a line: units, and for serial-numbered goods of a sale which units. */
export function returnable(line: SoldLine): { qty: number; serials: string[] } {
  const serials = line.serials.filter((s) => !line.refundedSerials.includes(s));
  return { qty: line.qty - line.refundedQty, serials };
}

export type ReturnSerialOutcome = { ok: true; serials: string[] } | { ok: false; code: 'empty' | 'duplicate' | 'returned' | 'all-units' };

/**
 * A unit coming back with the serial read off it (a pickup order names none): in capitals,
 * as on the unit, once in this return, never one that came back before, never more units
 * than are left.
 */
export function addReturnSerial(line: ReturnableLine, chosen: readonly string[], text: string): ReturnSerialOutcome {
  const serial = text.trim().toUpperCase();
  if (serial === '') return { ok: false, code: 'empty' };
  if (chosen.includes(serial)) return { ok: false, code: 'duplicate' };
  if (line.refundedSerials.includes(serial)) return { ok: false, code: 'returned' };
  if (chosen.length >= returnable(line).qty) return { ok: false, code: 'all-units' };
  return { ok: true, serials: [...chosen, serial] };
}

/** The money that goes back: the prices paid, never the catalogue's today. */
export function refundAmount(source: Returnable, lines: RefundLine[]): number {
  return lines.reduce((sum, l) => sum + multiplyKopecks(linesOf(source).find((s) => s.sku === l.sku)!.priceKopecks, l.qty), 0);
}

export type RefundOutcome = { ok: true; receipt: ReceiptRow; printProblem: PrintProblem | null } | { ok: false; code: 'failed' };

/**
 * A refund (or an order's return) recorded like a sale: the tablet's next number for the
 * slip, the ВОЗВРАТ slip with the money's way back, the queued `sale.refunded` (or
 * `order.returned`), what came back on this tablet's record and the stored slip, in one
 * unit of work; then the slip prints. The server checks it again (supervisors only, never
 * more than sold or handed over less what came back, also on other tablets meanwhile).
 */
export async function recordRefund(
  deps: { changes: LocalChanges; host: Pick<HostBridge, 'print'> },
  input: ({ sale: SaleRecord } | { order: HandoverRecord }) & { lines: RefundLine[]; staffSessionId: string; staffName: string; lang: Lang; now?: Date },
): Promise<RefundOutcome> {
  const source: Returnable = 'sale' in input ? { kind: 'sale', sale: input.sale } : { kind: 'order', order: input.order };
  const now = input.now ?? deps.changes.now();
  const { db } = deps.changes;
  let receipt: ReceiptRow;
  try {
    receipt = await deps.changes.run([db.receipts, db.sales, db.handovers, db.products], async (change) => {
      const branch = await db.getSetting('branch');
      if (!branch) throw new Error('the tablet has never synced: it does not know its branch');
      const number = change.nextReceiptNumber();
      const refundId = uuidv7(now.getTime());
      const names = new Map(linesOf(source).map((l) => [l.sku, l]));
      // The catalogue's name in the slip's language (what the server's copy prints too); the record's own name if the tablet lacks the product.
      const products = await db.products.bulkGet(input.lines.map((l) => l.sku));
      const document = buildRefund({
        refundId, number, saleNumber: receiptOf(source), ...(source.kind === 'order' ? { orderCode: source.order.orderCode } : {}),
        issuedAt: now.toISOString(), seller: branch, timeZone: branch.timeZone, method: methodOf(source), staffName: input.staffName,
        lines: input.lines.map((l, i) => ({
          name: products[i] ? (input.lang === 'ru' ? products[i]!.nameRu : products[i]!.nameEn) : names.get(l.sku)!.name,
          quantity: l.qty, priceKopecks: names.get(l.sku)!.priceKopecks,
        })),
      }, input.lang);
      const common = { receiptNumber: number, lines: input.lines, staffSessionId: input.staffSessionId, paperLang: input.lang };
      if (source.kind === 'sale') {
        await change.enqueue('sale.refunded', { refundId, saleId: source.sale.saleId, ...common });
        await db.sales.put({ ...source.sale, lines: takenBack(source.sale.lines, input.lines) });
      } else {
        await change.enqueue('order.returned', { returnId: refundId, orderCode: source.order.orderCode, ...common });
        await db.handovers.put({ ...source.order, lines: takenBack<HandedOverLine>(source.order.lines, input.lines) });
      }
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

/** The record's lines after these units came back: what this tablet offers next time, offline too. */
function takenBack<L extends SoldLine>(lines: L[], back: RefundLine[]): L[] {
  return lines.map((l) => {
    const b = back.find((r) => r.sku === l.sku);
    return b ? { ...l, refundedQty: l.refundedQty + b.qty, refundedSerials: [...l.refundedSerials, ...(b.serials ?? [])] } : l;
  });
}
