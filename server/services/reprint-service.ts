import { buildPassbook, buildRefund, type PaperDocument } from '../../shared/documents';
import { SUMMARISE_AFTER } from '../../shared/documents/passbook';
import { calendarDate } from '../../shared/domain/calendar';
import { isReceiptNumber } from '../../shared/domain/receipt-number';
import { placeBack } from '../../shared/domain/passbook';
import { pickupPaper, salePaper, type PaperLine } from '../../shared/documents/paper-sets';
import { shortName } from '../../shared/domain/mask';
import type { CopyPrintedReport, DocumentCopy, DocumentList } from '../../shared/protocol/documents';
import type { Db } from '../db/db';
import type { BranchRepo } from '../repositories/branch-repo';
import type { DeviceRepo } from '../repositories/device-repo';
import type { DocumentFacts, DocumentRepo } from '../repositories/document-repo';
import type { EventRepo } from '../repositories/event-repo';
import { ForbiddenError, NotFoundError } from '../errors';
import { cardSecretHash, parseCardCode } from '../../shared/domain/card-code';
import type { StaffRole } from '../../shared/protocol/staff';

/**
 * Copies (КОПИЯ) of the branch's documents, rebuilt from what the server holds with the
 * same functions the devices printed them with (shared/documents/paper-sets.ts): the
 * receipt or refund slip and its warranty slips, in the language they were printed in.
 * The server does not print; the tablet prints the copy where staff choose, and records
 * it (`document.reprinted`).
 */
export function createReprintService(deps: {
  db: Db; documents: Pick<DocumentRepo, 'list' | 'facts' | 'branchOf'>;
  /** OKNO_PASSBOOK_FULL_LINES: a passbook copy summarises as the kiosk did */
  passbookFullLines?: number; branches: Pick<BranchRepo, 'findInfo'>; devices: Pick<DeviceRepo, 'kiosksOf'>; events: Pick<EventRepo, 'append'>;
}) {
  const service = {
    async list(branchId: string, filter: { key?: string | undefined; date?: string | undefined; before?: string | undefined; limit?: number }): Promise<DocumentList> {
      return deps.documents.list(deps.db, branchId, filter);
    },

    /**
     * The copy; another branch's number is refused (403), a number nobody issued is not
     * found (404). A passbook statement (names, balances) is a supervisor's to copy, with
     * the customer's card scanned (its code carries its secret): 403 `card-required`
     * without it, `card-mismatch` for another card.
     */
    async copy(branchId: string, number: string, by: CopyAccess): Promise<DocumentCopy> {
      const [facts, seller] = await Promise.all([deps.documents.facts(deps.db, branchId, number), deps.branches.findInfo(deps.db, branchId)]);
      if (facts?.kind === 'passbook') mayCopyPassbook(facts, by);
      if (facts && seller) return { number, documents: rebuild(facts, seller, deps.passbookFullLines ?? SUMMARISE_AFTER) };
      const owner = await deps.documents.branchOf(deps.db, number);
      if (owner && owner !== branchId) throw new ForbiddenError(`document ${number} belongs to another branch`);
      throw new NotFoundError(`the branch has no document numbered ${number}`);
    },

    /**
     * Sends the copy to a kiosk of the branch to print (event `document.print`, to that
     * kiosk only; it prints each print id once, also after a reload). The tablet records the
     * reprint (`document.reprinted`) once the server has taken it.
     */
    async printAt(branchId: string, number: string, request: { printId: string; kiosk: string }, by: CopyAccess): Promise<{ printId: string; kiosk: string }> {
      const copy = await service.copy(branchId, number, by);
      const kiosk = (await deps.devices.kiosksOf(deps.db, branchId)).find((k) => k.code === request.kiosk);
      if (!kiosk) throw new NotFoundError(`no kiosk ${request.kiosk} in this branch`);
      await deps.db.tx((q) => deps.events.append(q, branchId, [{ audience: 'device', deviceId: kiosk.id, name: 'document.print', data: { printId: request.printId, number, documents: copy.documents } }]));
      return { printId: request.printId, kiosk: kiosk.code };
    },

    /** What became of a copy at the kiosk it was sent to, for the tablets (`document.printed`). */
    async reported(kiosk: { id: string; branchId: string; code: string }, printId: string, report: CopyPrintedReport): Promise<void> {
      await deps.db.tx((q) => deps.events.append(q, kiosk.branchId, [{ audience: 'staff', name: 'document.printed', data: { printId, number: report.number, kiosk: kiosk.code, outcome: report.outcome } }]));
    },
  };
  return service;
}
export type ReprintService = ReturnType<typeof createReprintService>;

/** Who asks for a copy: the staff member's role, and the customer's card as scanned (a passbook's). */
export type CopyAccess = { role: StaffRole; cardCode?: string | undefined };

function mayCopyPassbook(f: Extract<DocumentFacts, { kind: 'passbook' }>, by: CopyAccess): void {
  if (by.role !== 'supervisor') throw new ForbiddenError('a passbook statement is copied by a supervisor, with the customer’s card', 'role-forbidden');
  const card = by.cardCode ? parseCardCode(by.cardCode) : null;
  if (!card || card.kind !== 'with-secret') throw new ForbiddenError('scan the customer’s card (its code, not only its number) to copy their statement', 'card-required');
  if (card.cardNumber !== f.holderCard || !f.holderSecretHash || cardSecretHash(card.cardNumber, card.secret) !== f.holderSecretHash) {
    throw new ForbiddenError('this card is not the holder’s of this statement', 'card-mismatch');
  }
}

function rebuild(f: DocumentFacts, seller: NonNullable<Awaited<ReturnType<BranchRepo['findInfo']>>>, fullLines: number): PaperDocument[] {
  if (f.kind === 'passbook') return [passbookCopy(f, seller, fullLines)];
  const products = new Map(f.products.map((p) => [p.sku, p]));
  const name = (sku: string, fallback: string) => {
    const p = products.get(sku);
    return p ? (f.lang === 'ru' ? p.nameRu : p.nameEn) : fallback;
  };
  const line = (sku: string, fallbackName: string, quantity: number, priceKopecks: number, serials?: string[]): PaperLine => {
    const p = products.get(sku);
    return { sku, name: name(sku, fallbackName), quantity, priceKopecks, warrantyMonths: p?.warrantyMonths ?? 0, model: p?.model ?? null, ...(serials ? { serials } : {}) };
  };
  if (f.kind === 'pickup') {
    // The shop's own item names in Russian (the kiosk prints those), the catalogue's in English.
    const lines = f.items.map((i) => ({ ...line(i.sku, i.name, i.quantity, i.priceKopecks), ...(f.lang === 'ru' ? { name: i.name } : {}) }));
    // A handed-over order was paid: at the desk (order.paid), or else online when ordered.
    const set = pickupPaper({ number: f.number, issuedAt: f.issuedAt, seller, orderCode: f.orderCode, lines, paidBy: f.deskMethod ?? 'online' }, f.lang, true);
    return [set.document, ...set.warranties];
  }
  if (f.kind === 'sale') {
    const p = f.payment;
    const set = salePaper({
      saleId: f.saleId, number: f.number, issuedAt: f.issuedAt, seller, staffName: shortName(f.staffName),
      lines: f.lines.map((l) => line(l.sku, l.sku, l.qty, l.priceKopecks, l.serials)),
      payment: {
        method: p.method, ...(p.tenderedKopecks !== null ? { tenderedKopecks: p.tenderedKopecks } : {}), ...(p.changeKopecks !== null ? { changeKopecks: p.changeKopecks } : {}),
        ...(p.terminalRef ? { terminalRef: p.terminalRef } : {}), ...(p.cardLast4 ? { cardLast4: p.cardLast4 } : {}),
      },
    }, f.lang, true);
    return [set.document, ...set.warranties];
  }
  return [buildRefund({
    refundId: f.refundId, number: f.number, saleNumber: f.saleNumber, ...(f.orderCode ? { orderCode: f.orderCode } : {}), issuedAt: f.issuedAt, seller, timeZone: seller.timeZone, method: f.method,
    staffName: shortName(f.staffName), lines: f.lines.map((l) => ({ name: name(l.sku, l.name ?? l.sku), quantity: l.qty, priceKopecks: l.priceKopecks })),
  }, f.lang, true)];
}

/**
 * A passbook continuation again, from its printout's transaction: the lines it printed, the
 * balance before them, where it ended in the book (so where it began), its language and its
 * «по состоянию на» if it was printed offline; summarised past the same number of lines.
 */
function passbookCopy(f: Extract<DocumentFacts, { kind: 'passbook' }>, seller: NonNullable<Awaited<ReturnType<BranchRepo['findInfo']>>>, fullLines: number): PaperDocument {
  const rows = f.entries.length > fullLines ? fullLines + 1 : f.entries.length;
  const start = placeBack({ page: f.page, line: f.line }, rows - 1, f.linesPerPage);
  return buildPassbook({
    statementId: f.number, ...(isReceiptNumber(f.number) ? { number: f.number } : {}), seller, cardNumber: f.cardNumber, customerShortName: f.shortName, timeZone: seller.timeZone, summariseAfter: fullLines,
    start: { balanceKopecks: f.broughtForwardKopecks, ...start, linesPerPage: f.linesPerPage },
    entries: f.entries.map((e) => ({ date: calendarDate(e.postedAt, seller.timeZone), text: f.lang === 'ru' ? e.textRu : e.textEn, amountKopecks: e.amountKopecks })),
    ...(f.asOf ? { asOf: f.asOf } : {}),
  }, f.lang, true);
}
