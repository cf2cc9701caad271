import { calendarDate } from '../domain/calendar';
import type { Lang } from '../domain/money';
import { paperId } from '../domain/paper-id';
import type { BranchInfo } from '../protocol/branch';
import type { PaperDocument } from './model';
import { buildReceipt, type ReceiptInput } from './receipt';
import { buildWarranty } from './warranty';

/** A handover's or a sale's paper: the receipt and one warranty slip per unit with a warranty. */
export type PaperSet = { document: PaperDocument; warranties: PaperDocument[] };

/** A line as the paper needs it: the name in the paper's language, and the product's warranty. */
export type PaperLine = { sku: string; name: string; quantity: number; priceKopecks: number; warrantyMonths: number; model?: string | null; serials?: string[] };

type Payment = Pick<ReceiptInput, 'tenderedKopecks' | 'changeKopecks' | 'terminalRef' | 'cardLast4'> & { method: 'cash' | 'card' };

/**
 * The paper of a pickup order handed over. Built by the device at the handover and by the
 * server for a reprint from the same facts, so the copy is the same paper: the ids come
 * from the receipt number (paperId), the dates from the transaction's time in the
 * branch's zone.
 */
export function pickupPaper(input: { number: string; issuedAt: string; seller: BranchInfo; orderCode: string; lines: PaperLine[]; paidBy: 'online' | 'cash' | 'card' | null }, lang: Lang, copy = false): PaperSet {
  const document = buildReceipt({
    receiptId: paperId('receipt', input.number), number: input.number, issuedAt: input.issuedAt, seller: input.seller, orderCode: input.orderCode,
    // Paid when ordered, or at the desk (order.paid): the receipt says which.
    lines: input.lines.map(receiptLine), payment: input.paidBy === 'cash' || input.paidBy === 'card' ? input.paidBy : 'prepaid', timeZone: input.seller.timeZone,
  }, lang, copy);
  return { document, warranties: warrantySlips(input, lang, copy) };
}

/** The paper of an assisted sale: the receipt (its id is the sale's) with the payment and the seller, and the slips with each unit's serial number. */
export function salePaper(input: { saleId: string; number: string; issuedAt: string; seller: BranchInfo; lines: PaperLine[]; payment: Payment; staffName: string }, lang: Lang, copy = false): PaperSet {
  const { payment } = input;
  const document = buildReceipt({
    receiptId: input.saleId, number: input.number, issuedAt: input.issuedAt, seller: input.seller, timeZone: input.seller.timeZone,
    lines: input.lines.map(receiptLine), payment: payment.method, staffName: input.staffName, staffRole: 'sold',
    ...(payment.tenderedKopecks !== undefined ? { tenderedKopecks: payment.tenderedKopecks } : {}),
    ...(payment.changeKopecks !== undefined ? { changeKopecks: payment.changeKopecks } : {}),
    ...(payment.terminalRef ? { terminalRef: payment.terminalRef } : {}),
    ...(payment.cardLast4 ? { cardLast4: payment.cardLast4 } : {}),
  }, lang, copy);
  return { document, warranties: warrantySlips(input, lang, copy) };
}

const receiptLine = (l: PaperLine) => ({ name: l.name, quantity: l.quantity, priceKopecks: l.priceKopecks });

/** One slip per unit of every line with a warranty, numbered through the receipt; the period runs from the day of the receipt. */
function warrantySlips(input: { number: string; issuedAt: string; seller: BranchInfo; lines: PaperLine[] }, lang: Lang, copy: boolean): PaperDocument[] {
  const saleDate = calendarDate(input.issuedAt, input.seller.timeZone);
  let unit = 0;
  return input.lines.flatMap((l) => (l.warrantyMonths <= 0 ? [] : Array.from({ length: l.quantity }, (_, i) => buildWarranty({
    warrantyId: paperId('warranty', input.number, unit++), seller: input.seller, receiptNumber: input.number, product: l.name, saleDate, warrantyMonths: l.warrantyMonths,
    ...(l.model ? { model: l.model } : {}), ...(l.serials?.[i] ? { serialNumber: l.serials[i] } : {}),
  }, lang, copy))));
}
