import { formatDateTime } from '../domain/datetime';
import { formatMoney, type Lang } from '../domain/money';
import type { BranchInfo } from '../protocol/branch';
import type { Block, PaperDocument } from './model';
import { documentHead, lineBlocks, linesTotal, type ReceiptLine } from './receipt';
import { paperStrings } from './strings';

export type RefundInput = {
  refundId: string;
  /** the refund slip's own number, from the refunding device's counter */
  number: string;
  /** the original sale's receipt number */
  saleNumber: string;
  issuedAt: string;
  seller: BranchInfo;
  /** the units returned, at the sale's prices */
  lines: ReceiptLine[];
  /** the sale's own method: money goes back the way it came */
  method: 'cash' | 'card';
  staffName?: string;
  timeZone?: string;
};

/**
 * The refund slip (ВОЗВРАТ): what was taken back, at the sale's prices, with the original
 * receipt's number, and the customer's signature that the money was received.
 */
export function buildRefund(input: RefundInput, lang: Lang, copy = false): PaperDocument {
  const s = paperStrings(lang);
  const blocks: Block[] = [
    ...documentHead(input.seller, s.refundTitle, [
      [s.refundNumber, input.number], [s.refundOf, input.saleNumber], [s.date, formatDateTime(input.issuedAt, lang, input.timeZone)],
    ], lang),
    { kind: 'rule' },
    ...lineBlocks(input.lines, lang),
    { kind: 'rule' },
    { kind: 'pair', left: s.refundTotal, right: formatMoney(linesTotal(input.lines), lang), bold: true, size: 'double' },
    { kind: 'pair', left: s.refundBy, right: s.refundMethods[input.method] },
  ];
  if (input.staffName) blocks.push({ kind: 'pair', left: s.seller, right: input.staffName });
  blocks.push(
    { kind: 'signature', label: s.refundSignature },
    { kind: 'signature', label: s.signature },
    { kind: 'qr', data: `okno:refund:${input.refundId}`, caption: input.number },
    { kind: 'cut' },
  );
  return { id: input.refundId, type: 'refund', lang, copy, blocks };
}
