import { formatDateTime } from '../domain/datetime';
import { addKopecks, formatMoney, multiplyKopecks, type Kopecks, type Lang } from '../domain/money';
import type { BranchInfo } from '../protocol/branch';
import type { Block, PaperDocument } from './model';
import { sellerBlocks, type ReceiptLine } from './receipt';
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
  const money = (k: Kopecks) => formatMoney(k, lang);
  const total = addKopecks(...input.lines.map((l) => multiplyKopecks(l.priceKopecks, l.quantity)));
  const blocks: Block[] = [
    ...sellerBlocks(input.seller, lang),
    { kind: 'rule' },
    { kind: 'text', text: s.refundTitle, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: s.nonFiscal, align: 'center' },
    { kind: 'pair', left: s.refundNumber, right: input.number },
    { kind: 'pair', left: s.refundOf, right: input.saleNumber },
    { kind: 'pair', left: s.date, right: formatDateTime(input.issuedAt, lang, input.timeZone) },
    { kind: 'rule' },
  ];
  input.lines.forEach((line, i) => {
    blocks.push({ kind: 'text', text: `${i + 1}. ${line.name}` });
    blocks.push({ kind: 'pair', left: `   ${line.quantity} ${s.pieces} × ${money(line.priceKopecks)}`, right: money(multiplyKopecks(line.priceKopecks, line.quantity)) });
  });
  blocks.push(
    { kind: 'rule' },
    { kind: 'pair', left: s.refundTotal, right: money(total), bold: true, size: 'double' },
    { kind: 'pair', left: s.refundBy, right: s.refundMethods[input.method] },
  );
  if (input.staffName) blocks.push({ kind: 'pair', left: s.seller, right: input.staffName });
  blocks.push(
    { kind: 'signature', label: s.refundSignature },
    { kind: 'signature', label: s.signature },
    { kind: 'qr', data: `okno:refund:${input.refundId}`, caption: input.number },
    { kind: 'cut' },
  );
  return { id: input.refundId, type: 'refund', lang, copy, blocks };
}
