import { receiptNumberReason } from './receipt-number-check';
import type { RefundLine, RejectReason } from '../../../shared/protocol';
import { multiplyKopecks } from '../../../shared/domain/money';
import type { Queryable } from '../../db/db';
import type { CustomerRepo, LedgerAppend } from '../../repositories/customer-repo';
import type { DeviceRow } from '../../repositories/device-repo';
import type { RefundRepo, RefundToApply, TakeBackSource } from '../../repositories/refund-repo';
import type { Applier } from './applier';
import { refundLedgerLines } from './ledger-lines';

/** What every take-back names: its slip's number, the units coming back, the supervisor's session. */
export type TakeBackPayload = { receiptNumber: string; lines: RefundLine[]; staffSessionId: string };

/** What makes one kind of take-back differ from the other: what the goods come from, and how it is found and locked. */
export type TakeBackKind<P extends TakeBackPayload, S extends TakeBackSource> = {
  /** the source's key in the payload (a sale's id, an order's code) */
  keyOf(p: P): string;
  /** the refund's own id in the payload */
  idOf(p: P): string;
  /** the sale or order the refund row names */
  rowOf(p: P): Pick<RefundToApply, 'saleId' | 'orderCode'>;
  /** locks the sources of a run in a fixed order, then reads them (after the lock: what came back already is current) */
  lock(q: Queryable, keys: string[]): Promise<Map<string, S>>;
  /** no such source */
  unknown: RejectReason;
  /** a product (or a serial of a unit the source names) that is not in it */
  notIn: RejectReason;
  /** what the source's own state refuses, after its branch (an order not handed over) */
  stateReason?(source: S): RejectReason | null;
};

/**
 * The rules of taking goods back, one piece of code for a sale's refund (sale.refunded)
 * and a handed-over order's return (order.returned). The sources are locked first, so two
 * tablets taking back from one (offline, then syncing at once) apply what fits, in order,
 * and the rest is refused with its reason: never more than sold or handed over less what
 * came back (`over-refund`; Odoo refunded every line again on a second partial refund),
 * only the source's products (the kind's `notIn`), serial-numbered units by their serials
 * (`serials-required`), a serial once. The money goes back the source's way at the
 * source's prices; a card holder's passbook gets the two lines in the same transaction.
 */
export function createTakeBack<P extends TakeBackPayload, S extends TakeBackSource>(
  deps: { refunds: Pick<RefundRepo, 'context' | 'insert'>; customers: Pick<CustomerRepo, 'appendLedger'> },
  kind: TakeBackKind<P, S>,
): Applier<P> {
  return {
    async apply(q, device, txs) {
      const locked = await kind.lock(q, [...new Set(txs.map((t) => kind.keyOf(t.payload)))]);
      const context = await deps.refunds.context(q, txs.map((t) => kind.idOf(t.payload)), txs.map((t) => t.payload.receiptNumber));
      const rejected = new Map<string, RejectReason>();
      const refunds: RefundToApply[] = [];
      const ledger: LedgerAppend[] = [];
      for (const tx of txs) {
        const p = tx.payload;
        const id = kind.idOf(p);
        const source = locked.get(kind.keyOf(p));
        const reason = !source ? kind.unknown
          : source.branchId !== device.branchId ? 'other-branch'
            : kind.stateReason?.(source) ?? slipReason(p, id, device, context) ?? linesReason(p.lines, source, kind.notIn);
        if (reason || !source) {
          rejected.set(tx.id, reason ?? kind.unknown);
          continue;
        }
        const lines = takeBack(source, p.lines);
        context.existingRefunds.add(id);
        context.usedNumbers.add(p.receiptNumber);
        const amountKopecks = lines.reduce((sum, l) => sum + l.amountKopecks, 0);
        refunds.push({
          id, ...kind.rowOf(p), txId: tx.id, occurredAt: tx.occurredAt, receiptNumber: p.receiptNumber, staffSessionId: p.staffSessionId,
          method: source.method, amountKopecks, lines,
        });
        if (source.customerCard) ledger.push(...refundLedgerLines({ cardNumber: source.customerCard, occurredAt: tx.occurredAt, receiptNumber: p.receiptNumber, amountKopecks, method: source.method }));
      }
      await deps.refunds.insert(q, device, refunds);
      await deps.customers.appendLedger(q, device.branchId, ledger);
      return rejected;
    },
  };
}

/** The slip: numbered by this device, a number not used before, a refund id not used before. */
function slipReason(p: TakeBackPayload, id: string, device: DeviceRow, context: { existingRefunds: Set<string>; usedNumbers: Set<string> }): RejectReason | null {
  const numberReason = receiptNumberReason(p.receiptNumber, device.code, context.usedNumbers);
  if (numberReason) return numberReason;
  if (context.existingRefunds.has(id)) return 'refund-exists';
  return null;
}

/**
 * The units against what is left. Where the source names its units' serials (a sale's),
 * only those come back; where it names none but the product has them (a pickup order's),
 * the serial read off the unit is required and taken once.
 */
function linesReason(lines: RefundLine[], source: TakeBackSource, notIn: RejectReason): RejectReason | null {
  for (const l of lines) {
    const line = source.lines.get(l.sku);
    if (!line) return notIn;
    if (l.qty > line.qty - line.refundedQty) return 'over-refund';
    const known = line.serials.length > 0;
    if ((known || line.serialRequired) && !l.serials) return 'serials-required';
    for (const serial of l.serials ?? []) {
      if (known && !line.serials.includes(serial)) return notIn;
      if (line.refundedSerials.has(serial)) return 'over-refund';
    }
  }
  return null;
}

/** Takes the units back at the source's prices; a later take-back of the same batch sees it. */
function takeBack(source: TakeBackSource, lines: RefundLine[]): RefundToApply['lines'] {
  return lines.map((l) => {
    const line = source.lines.get(l.sku)!;
    line.refundedQty += l.qty;
    for (const serial of l.serials ?? []) line.refundedSerials.add(serial);
    return { sku: l.sku, qty: l.qty, serials: l.serials ?? [], amountKopecks: multiplyKopecks(line.priceKopecks, l.qty) };
  });
}
