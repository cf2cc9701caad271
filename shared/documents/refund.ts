import { formatDateTime } from '../domain/datetime';
import { formatMoney, type Lang } from '../domain/money';
import { formatOrderCode } from '../domain/order-code';
import type { BranchInfo } from '../protocol/branch';
import type { Block, PaperDocument } from './model';
import { documentHead, lineBlocks, linesTotal, type ReceiptLine } from './receipt';
import { paperStrings } from './strings';

export type RefundInput = {
  refundId: string;
  /** the refund slip's own number, from the refunding device's counter */
  number: string;
  /** the receipt the goods were sold or handed over with */
  saleNumber: string;
  /** a handed-over pickup order's code: its goods come back */
  orderCode?: string;
  issuedAt: string;
  seller: BranchInfo;
  /** the units returned, at the sale's prices */
  lines: ReceiptLine[];
  /** the way money goes back, the way it came: from the drawer, to the card, or (an order paid online) online by the shop */
  method: 'cash' | 'card' | 'online';
  staffName?: string;
  timeZone?: string;
};

/**
 * The refund slip (ВОЗВРАТ) of a sale or of a handed-over pickup order: what was taken
 * back, at the prices paid, with the original receipt's number (and the order's code),
 * the money's way back in words, and the customer's signature: that the money was
 * received, or, where the shop returns an online payment, that the goods were handed back.
 */
export function buildRefund(input: RefundInput, lang: Lang, copy = false): PaperDocument {
  const s = paperStrings(lang);
  const blocks: Block[] = [
    ...documentHead(input.seller, s.refundTitle, [
      [s.refundNumber, input.number], [s.refundOf, input.saleNumber],
      ...(input.orderCode ? [[s.order, formatOrderCode(input.orderCode)] as [string, string]] : []),
      [s.date, formatDateTime(input.issuedAt, lang, input.timeZone)],
    ], lang),
    { kind: 'rule' },
    ...lineBlocks(input.lines, lang),
    { kind: 'rule' },
    { kind: 'pair', left: s.refundTotal, right: formatMoney(linesTotal(input.lines), lang), bold: true, size: 'double' },
    // Cash and card fit beside their label; the shop's online way back is a sentence that wraps on words.
    input.method === 'online'
      ? { kind: 'text', text: `${s.refundBy}: ${s.refundMethods.online}`, bold: true }
      : { kind: 'pair', left: s.refundBy, right: s.refundMethods[input.method] },
  ];
  if (input.staffName) blocks.push({ kind: 'pair', left: s.seller, right: input.staffName });
  blocks.push(
    { kind: 'signature', label: input.method === 'online' ? s.refundGoodsSignature : s.refundSignature },
    { kind: 'signature', label: s.signature },
    { kind: 'qr', data: `okno:refund:${input.refundId}`, caption: input.number },
    { kind: 'cut' },
  );
  return { id: input.refundId, type: 'refund', lang, copy, blocks };
}
