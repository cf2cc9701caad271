import { formatDateTime } from '../domain/datetime';
import { formatMoney, multiplyKopecks, addKopecks, type Kopecks, type Lang } from '../domain/money';
import { formatOrderCode } from '../domain/order-code';
import type { BranchInfo } from '../protocol/branch';
import type { Block, PaperDocument } from './model';
import { paperStrings } from './strings';

export type ReceiptLine = { name: string; quantity: number; priceKopecks: Kopecks };
/** prepaid: paid online when ordering; the others are taken in the branch */
export type PaymentMethod = 'prepaid' | 'cash' | 'card';

export type ReceiptInput = {
  /** the document id, also the QR content: a reprint or a return finds the receipt by it */
  receiptId: string;
  number: string;
  issuedAt: string;
  seller: BranchInfo;
  orderCode?: string;
  lines: ReceiptLine[];
  payment: PaymentMethod;
  /** cash: what the customer handed over and the change; card: the terminal's reference and the card's last 4 digits */
  tenderedKopecks?: Kopecks;
  changeKopecks?: Kopecks;
  terminalRef?: string;
  cardLast4?: string;
  /** "Анна С." of the staff member who handed the goods over (a pickup) or sold them (a sale) */
  staffName?: string;
  staffRole?: 'handed-over' | 'sold';
  timeZone?: string;
};

/** The товарный чек (non-fiscal sales receipt) with the fields product.md lists. */
export function buildReceipt(input: ReceiptInput, lang: Lang, copy = false): PaperDocument {
  const s = paperStrings(lang);
  const blocks: Block[] = [
    ...documentHead(input.seller, s.receiptTitle, [[s.receiptNumber, input.number], [s.date, formatDateTime(input.issuedAt, lang, input.timeZone)]], lang),
  ];
  if (input.orderCode) blocks.push({ kind: 'pair', left: s.order, right: formatOrderCode(input.orderCode) });
  blocks.push(
    { kind: 'rule' },
    ...lineBlocks(input.lines, lang),
    { kind: 'rule' },
    { kind: 'pair', left: s.total, right: formatMoney(linesTotal(input.lines), lang), bold: true, size: 'double' },
    { kind: 'pair', left: s.payment, right: s.paymentMethods[input.payment] },
    ...paymentDetails(input, lang),
  );
  if (input.staffName) blocks.push({ kind: 'pair', left: input.staffRole === 'sold' ? s.seller : s.staff, right: input.staffName });
  blocks.push(
    { kind: 'signature', label: s.signature },
    { kind: 'qr', data: `okno:receipt:${input.receiptId}`, caption: input.number },
    { kind: 'text', text: s.thanks, align: 'center', bold: true },
    { kind: 'cut' },
  );
  return { id: input.receiptId, type: 'receipt', lang, copy, blocks };
}

/** The top of a sales document: the seller, its title (not a fiscal receipt), then its number and date pairs. */
export function documentHead(seller: BranchInfo, title: string, pairs: [string, string][], lang: Lang): Block[] {
  return [
    ...sellerBlocks(seller, lang),
    { kind: 'rule' },
    { kind: 'text', text: title, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: paperStrings(lang).nonFiscal, align: 'center' },
    ...pairs.map(([left, right]): Block => ({ kind: 'pair', left, right })),
  ];
}

/** The goods, one numbered line each with quantity × price and the sum: the receipt's and the refund slip's. */
export function lineBlocks(lines: ReceiptLine[], lang: Lang): Block[] {
  const s = paperStrings(lang);
  const money = (k: Kopecks) => formatMoney(k, lang);
  return lines.flatMap((line, i): Block[] => [
    { kind: 'text', text: `${i + 1}. ${line.name}` },
    { kind: 'pair', left: `   ${line.quantity} ${s.pieces} × ${money(line.priceKopecks)}`, right: money(multiplyKopecks(line.priceKopecks, line.quantity)) },
  ]);
}

export function linesTotal(lines: ReceiptLine[]): Kopecks {
  return addKopecks(...lines.map((l) => multiplyKopecks(l.priceKopecks, l.quantity)));
}

/** Cash: tendered and change; card: its last 4 digits (never more) and the terminal's reference. */
function paymentDetails(input: Pick<ReceiptInput, 'tenderedKopecks' | 'changeKopecks' | 'terminalRef' | 'cardLast4'>, lang: Lang): Block[] {
  const s = paperStrings(lang);
  const blocks: Block[] = [];
  if (input.tenderedKopecks !== undefined) blocks.push({ kind: 'pair', left: s.tendered, right: formatMoney(input.tenderedKopecks, lang) });
  if (input.changeKopecks !== undefined) blocks.push({ kind: 'pair', left: s.change, right: formatMoney(input.changeKopecks, lang) });
  if (input.cardLast4) blocks.push({ kind: 'pair', left: s.cardNumber, right: `**** ${input.cardLast4}` });
  if (input.terminalRef) blocks.push({ kind: 'pair', left: s.terminalRef, right: input.terminalRef });
  return blocks;
}

/** The seller header every document starts with. */
export function sellerBlocks(seller: BranchInfo, lang: Lang): Block[] {
  return [
    { kind: 'text', text: seller.legalName, align: 'center', bold: true },
    { kind: 'text', text: seller.name, align: 'center' },
    { kind: 'text', text: seller.address, align: 'center' },
    { kind: 'text', text: `${paperStrings(lang).inn} ${seller.inn}`, align: 'center' },
    ...(seller.ogrn ? [{ kind: 'text', text: `${paperStrings(lang).ogrn} ${seller.ogrn}`, align: 'center' } as const] : []),
  ];
}
