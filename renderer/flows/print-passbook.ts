import { buildPassbook, type PaperDocument } from '../../shared/documents';
import { SUMMARISE_AFTER } from '../../shared/documents/passbook';
import { calendarDate } from '../../shared/domain/calendar';
import type { Lang } from '../../shared/domain/money';
import { continuationOf, nextPlace } from '../../shared/domain/passbook';
import { paperStrings } from '../../shared/documents/strings';
import { formatCalendarDate } from '../../shared/domain/calendar';
import type { BranchInfo } from '../../shared/protocol';
import type { HostBridge, PrintProblem } from '../bridge/host-bridge';
import type { PassbookRow } from '../db/kiosk-db';
import type { LocalChanges } from '../db/local-changes';
import { uuidv7 } from '../db/uuid7';

export type PassbookPrintOutcome = { ok: true; lines: number; document: PaperDocument; number: string; balanceKopecks: number } | { ok: false; code: PrintProblem | 'nothing-new' | 'failed' };

/**
 * The continuation of a card's book, from where its last printout stopped: the lines the
 * kiosk holds (offline, headed «по состоянию на» the last pull), the older ones summarised
 * past the server's OKNO_PASSBOOK_FULL_LINES (30), page turns marked. The mark moves only when the printer confirmed the paper is
 * out: then `passbook.printed` is queued and the kiosk's copy of the book moves with it, so
 * a second printout continues from there even before the server hears. Paper out or a job
 * cut short leaves the mark where it was, and the next printout of those lines says КОПИЯ.
 * The card's number is on the paper (masked) only: the queued transaction names the card
 * by its keyed hash, as the kiosk holds it.
 */
export function passbookDocument(book: PassbookRow, input: { cardNumber: string; seller: BranchInfo; lang: Lang; offline: boolean; fullLines?: number; number?: string }): { document: PaperDocument; last: { page: number; line: number } | null } {
  const keep = input.fullLines ?? SUMMARISE_AFTER;
  const start = { balanceKopecks: book.mark.balanceKopecks, ...nextPlace({ page: book.mark.page, line: book.mark.line }, book.linesPerPage), linesPerPage: book.linesPerPage };
  const entries = book.entries.map((e) => ({ date: calendarDate(e.postedAt, input.seller.timeZone), text: input.lang === 'ru' ? e.textRu : e.textEn, amountKopecks: e.amountKopecks }));
  const s = paperStrings(input.lang);
  const { last } = continuationOf(start, entries, keep, (sum) => s.passbookSummary(sum.count, formatCalendarDate(sum.from, input.lang, true)));
  const document = buildPassbook({
    statementId: uuidv7(), ...(input.number ? { number: input.number } : {}), seller: input.seller, cardNumber: input.cardNumber, customerShortName: book.shortName, start, entries,
    timeZone: input.seller.timeZone, summariseAfter: keep, ...(input.offline ? { asOf: book.asOf } : {}),
  }, input.lang, book.printProblem !== undefined);
  return { document, last };
}

export async function printPassbook(
  deps: { changes: LocalChanges; host: Pick<HostBridge, 'print'> },
  input: { book: PassbookRow; cardNumber: string; lang: Lang; offline: boolean },
): Promise<PassbookPrintOutcome> {
  const { db } = deps.changes;
  if (input.book.entries.length === 0) return { ok: false, code: 'nothing-new' };
  // What the kiosk knows since the screen read the book: a failed try (this one is a КОПИЯ).
  const stored = await db.passbooks.get(input.book.cardHash);
  const book: PassbookRow = { ...input.book, printProblem: stored?.printProblem ?? input.book.printProblem };
  const seller = await db.getSetting('branch');
  if (!seller) return { ok: false, code: 'failed' };
  const fullLines = (await db.getSetting('passbookFullLines')) ?? SUMMARISE_AFTER;
  let number: string;
  try {
    number = await takeNumber(deps.changes, book.cardHash);
  } catch (error) {
    console.error('no number could be taken for the passbook printout', error);
    return { ok: false, code: 'failed' };
  }
  const { document, last } = passbookDocument(book, { cardNumber: input.cardNumber, seller, lang: input.lang, offline: input.offline, fullLines, number });
  const printed = await deps.host.print([document]);
  if (!printed.ok) {
    await db.passbooks.update(book.cardHash, { printProblem: printed.code }).catch(() => undefined);
    return { ok: false, code: printed.code };
  }
  const fromLine = book.entries[0]!.line;
  const throughLine = book.entries.at(-1)!.line;
  const balance = book.mark.balanceKopecks + book.entries.reduce((sum, e) => sum + e.amountKopecks, 0);
  try {
    await deps.changes.run([db.passbooks], async (change) => {
      await change.enqueue('passbook.printed', {
        cardHash: book.cardHash, fromLine, throughLine, page: last!.page, line: last!.line, statementNumber: number, paperLang: input.lang,
        ...(input.offline ? { asOf: book.asOf } : {}),
      });
      const { printProblem: _done, statementNumber: _used, ...rest } = book;
      await db.passbooks.put({ ...rest, mark: { through: throughLine, page: last!.page, line: last!.line, balanceKopecks: balance }, entries: [] });
    });
  } catch (error) {
    // The paper is out; the mark could not be recorded (storage full, a bug). The next
    // printout repeats these lines rather than lose them.
    console.error('the passbook printout could not be recorded', error);
  }
  return { ok: true, lines: book.entries.length, document, number, balanceKopecks: balance };
}

/**
 * The next number of the kiosk's document series, kept on the book before the paper goes
 * to the printer (the number is on the paper): a printout that does not come out keeps it,
 * and the next attempt prints the same number, so every number issued is on some paper.
 */
async function takeNumber(changes: LocalChanges, cardHash: string): Promise<string> {
  const { db } = changes;
  return changes.run([db.passbooks], async (change) => {
    const row = await db.passbooks.get(cardHash);
    if (row?.statementNumber) return row.statementNumber;
    const number = change.nextReceiptNumber();
    if (row) await db.passbooks.put({ ...row, statementNumber: number });
    return number;
  });
}
