import { addMonths, formatCalendarDate, type CalendarDate } from '../domain/calendar';
import type { Lang } from '../domain/money';
import type { BranchInfo } from '../protocol/branch';
import type { Block, PaperDocument } from './model';
import { sellerBlocks } from './receipt';
import { paperStrings } from './strings';

export type WarrantyInput = {
  /** the document id and QR content */
  warrantyId: string;
  seller: BranchInfo;
  receiptNumber: string;
  product: string;
  model?: string;
  serialNumber?: string;
  /** the handover date: the warranty period runs from it */
  saleDate: CalendarDate;
  warrantyMonths: number;
};

/** The гарантийный талон: one per item with a warranty, with the fields printing.md lists. */
export function buildWarranty(input: WarrantyInput, lang: Lang, copy = false): PaperDocument {
  const s = paperStrings(lang);
  const until = addMonths(input.saleDate, input.warrantyMonths);
  const blocks: Block[] = [
    ...sellerBlocks(input.seller, lang),
    { kind: 'rule' },
    { kind: 'text', text: s.warrantyTitle, align: 'center', bold: true, size: 'double' },
    { kind: 'pair', left: s.receiptNumber, right: input.receiptNumber },
    { kind: 'rule' },
    { kind: 'text', text: `${s.product}: ${input.product}` },
  ];
  if (input.model) blocks.push({ kind: 'pair', left: s.model, right: input.model });
  blocks.push(
    { kind: 'pair', left: s.serial, right: input.serialNumber ?? '________________' },
    { kind: 'pair', left: s.saleDate, right: formatCalendarDate(input.saleDate, lang) },
    { kind: 'pair', left: s.warrantyMonths, right: String(input.warrantyMonths) },
    { kind: 'pair', left: s.warrantyUntil, right: formatCalendarDate(until, lang), bold: true, size: 'double' },
    { kind: 'text', text: `${s.serviceCentre}: ${input.seller.serviceCentre ?? s.serviceCentreShop}` },
    { kind: 'rule' },
    { kind: 'text', text: s.conditions },
    { kind: 'signature', label: s.sellerSignature },
    { kind: 'signature', label: s.buyerSignature },
    { kind: 'qr', data: `okno:warranty:${input.warrantyId}`, caption: input.receiptNumber },
    { kind: 'cut' },
  );
  return { id: input.warrantyId, type: 'warranty', lang, copy, blocks };
}
