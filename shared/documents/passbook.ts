import { formatCalendarDate } from '../domain/calendar';
import { formatDateTime } from '../domain/datetime';
import { maskCard } from '../domain/mask';
import { formatMoney, type Kopecks, type Lang } from '../domain/money';
import { continuationOf, type PassbookEntry } from '../domain/passbook';
import type { BranchInfo } from '../protocol/branch';
import type { Block, PaperDocument } from './model';
import { paperStrings } from './strings';

export type PassbookInput = {
  /** the paper's own id (the print journal's key): a new one for each attempt */
  statementId: string;
  /** the number printed on it, from the kiosk's document series; absent on printouts made before statements were numbered */
  number?: string;
  seller: BranchInfo;
  cardNumber: string;
  customerShortName: string;
  /** where the last printout stopped, and the balance it carried forward */
  start: { balanceKopecks: Kopecks; page: number; line: number; linesPerPage: number };
  entries: PassbookEntry[];
  /** set when printed offline: the entries are those the kiosk holds, as of this moment */
  asOf?: string;
  timeZone?: string;
  /** more new entries than this print the older ones as one summary line (30 by default) */
  summariseAfter?: number;
};

export const SUMMARISE_AFTER = 30;

const DATE_WIDTH = 8; // 23.11.26
const MONEY_WIDTH = 11; // -12 345,67 (no currency sign in the columns: the header names it)

/**
 * The passbook continuation (выписка): where in the book it starts, the balance brought
 * forward, one line per entry (the older ones summarised when there are many), a page that
 * fills ends with «Перенос на стр. N» and the next begins «Перенесено со стр. N−1», and the
 * balance carried forward.
 */
export function buildPassbook(input: PassbookInput, lang: Lang, copy = false): PaperDocument {
  const s = paperStrings(lang);
  const money = (k: Kopecks) => formatMoney(k, lang);
  const { lines, carriedForward } = continuationOf(input.start, input.entries, input.summariseAfter ?? SUMMARISE_AFTER,
    (sum) => s.passbookSummary(sum.count, formatCalendarDate(sum.from, lang, true)));
  const blocks: Block[] = [
    { kind: 'text', text: input.seller.legalName, align: 'center', bold: true },
    { kind: 'text', text: s.passbookTitle, align: 'center', bold: true, size: 'double' },
    ...(input.number ? [{ kind: 'pair' as const, left: s.statementNumber, right: input.number }] : []),
    { kind: 'pair', left: s.card, right: maskCard(input.cardNumber) },
    { kind: 'pair', left: s.customer, right: input.customerShortName },
  ];
  if (input.asOf) blocks.push({ kind: 'text', text: `${s.asOf} ${formatDateTime(input.asOf, lang, input.timeZone)}` });
  blocks.push(
    { kind: 'text', text: s.pageLine(lines[0]?.page ?? input.start.page, lines[0]?.line ?? input.start.line) },
    { kind: 'rule' },
    { kind: 'pair', left: s.broughtForward, right: money(input.start.balanceKopecks), bold: true },
    { kind: 'rule' },
  );
  if (lines.length === 0) blocks.push({ kind: 'text', text: s.noEntries, align: 'center' });
  lines.forEach((line, i) => {
    const before = lines[i - 1];
    if (before && before.page !== line.page) {
      blocks.push(
        { kind: 'pair', left: s.carriedToPage(line.page), right: money(before.balanceKopecks), bold: true },
        { kind: 'rule' },
        { kind: 'pair', left: s.broughtFromPage(before.page), right: money(before.balanceKopecks), bold: true },
      );
    }
    blocks.push({
      kind: 'columns',
      cells: [
        { text: formatCalendarDate(line.date, lang, true), width: DATE_WIDTH },
        { text: line.text },
        { text: formatMoney(line.amountKopecks, lang, { symbol: false }), width: MONEY_WIDTH, align: 'right' },
        { text: formatMoney(line.balanceKopecks, lang, { symbol: false }), width: MONEY_WIDTH, align: 'right' },
      ],
    });
  });
  blocks.push(
    { kind: 'rule' },
    { kind: 'pair', left: s.carriedForward, right: money(carriedForward), bold: true, size: 'double' },
    { kind: 'cut' },
  );
  return { id: input.statementId, type: 'passbook', lang, copy, blocks };
}
