import { receiptNumberReason } from './receipt-number-check';
import type { PassbookPrintedPayload, RejectReason } from '../../../shared/protocol';
import type { CustomerRepo } from '../../repositories/customer-repo';
import type { DocumentRepo } from '../../repositories/document-repo';
import type { Applier } from './applier';
import { cardOf } from './card-of';

/**
 * passbook.printed: a continuation came out of a kiosk's printer. The books are locked
 * first, so two kiosks' printouts of one card apply in turn: the furthest mark stays, and
 * a printout that starts at or before the mark it found (printed again elsewhere while
 * offline) is kept as an overlap for staff, never refused. The card is named by its keyed
 * hash (by its number when an older kiosk queued it: card-of.ts). A card no holder has is
 * `unknown-card` (so is another branch's card hashed with this branch's key: the key makes
 * another hash); another branch's, `other-branch`; lines the book does not have yet,
 * `beyond-ledger`. The printout's number (printed on it) is the kiosk's, from its one
 * document series: another device's, or one a document already carries, is refused like a
 * receipt's (`receipt-number-foreign`, `receipt-number-reused`); a kiosk never sends either.
 */
export function createPassbookPrinted(deps: { customers: Pick<CustomerRepo, 'lockBooks' | 'markPrinted' | 'insertOverlaps'>; documents: Pick<DocumentRepo, 'usedNumbers' | 'insertStatements'> }): Applier<PassbookPrintedPayload> {
  return {
    async apply(q, device, txs) {
      const books = await deps.customers.lockBooks(q, [...new Set(txs.map((t) => cardOf(t.payload)))]);
      // After the books' locks: two printouts naming one number queue behind each other there
      // when they name one card, and the receipts' primary key settles any other race.
      const used = await deps.documents.usedNumbers(q, txs.flatMap((t) => (t.payload.statementNumber ? [t.payload.statementNumber] : [])));
      const numbered: { txId: string; number: string; occurredAt: string }[] = [];
      const rejected = new Map<string, RejectReason>();
      const marks = new Map<string, { customerId: string; through: number; page: number; line: number }>();
      const overlaps = [];
      for (const tx of txs) {
        const p = tx.payload;
        const book = books.get(cardOf(p));
        const number = p.statementNumber;
        const reason: RejectReason | null = !book ? 'unknown-card' : book.branchId !== device.branchId ? 'other-branch' : p.throughLine > book.lastLine ? 'beyond-ledger'
          : number !== undefined ? receiptNumberReason(number, device.code, used) : null;
        if (reason || !book) { rejected.set(tx.id, reason ?? 'unknown-card'); continue; }
        if (number !== undefined) { used.add(number); numbered.push({ txId: tx.id, number, occurredAt: tx.occurredAt }); }
        if (p.fromLine <= book.printedThrough) {
          overlaps.push({ txId: tx.id, customerId: book.id, fromLine: p.fromLine, throughLine: p.throughLine, before: book.printedThrough, occurredAt: tx.occurredAt });
        }
        if (p.throughLine > book.printedThrough) {
          book.printedThrough = p.throughLine; // a later printout in the same batch sees it
          marks.set(book.id, { customerId: book.id, through: p.throughLine, page: p.page, line: p.line });
        }
      }
      await deps.customers.markPrinted(q, [...marks.values()]);
      await deps.customers.insertOverlaps(q, device.id, overlaps);
      await deps.documents.insertStatements(q, device, numbered);
      return rejected;
    },
  };
}
