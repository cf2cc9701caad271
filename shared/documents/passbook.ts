import { formatCalendarDate } from '../domain/calendar';
import { formatDateTime } from '../domain/datetime';
import { maskCard } from '../domain/mask';
import { formatMoney, type Kopecks, type Lang } from '../domain/money';
import { passbookLines, type PassbookEntry } from '../domain/passbook';
import type { BranchInfo } from '../protocol/branch';
import type { Block, PaperDocument } from './model';
import { paperStrings } from './strings';

export type PassbookInput = {
  statementId: string;
  seller: BranchInfo;
  cardNumber: string;
  customerShortName: string;
  /** where the last printout stopped, and the balance it carried forward */
  start: { balanceKopecks: Kopecks; page: number; line: number; linesPerPage: number };
  entries: PassbookEntry[];
  /** set when printed offline: the entries are those the kiosk holds, as of this moment */
  asOf?: string;
  timeZone?: string;
};

const DATE_WIDTH = 8; // 23.11.26
const MONEY_WIDTH = 11; // -12 345,67 (no currency sign in the columns: the header names it)

/** The passbook continuation (выписка): page and line, brought forward, one line per entry, carried forward. */
export function buildPassbook(input: PassbookInput, lang: Lang, copy = false): PaperDocument {
  const s = paperStrings(lang);
  const money = (k: Kopecks) => formatMoney(k, lang);
  const { lines, carriedForward } = passbookLines(input.start, input.entries);
  const blocks: Block[] = [
    { kind: 'text', text: input.seller.legalName, align: 'center', bold: true },
    { kind: 'text', text: s.passbookTitle, align: 'center', bold: true, size: 'double' },
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
  for (const line of lines) {
    blocks.push({
      kind: 'columns',
      cells: [
        { text: formatCalendarDate(line.date, lang, true), width: DATE_WIDTH },
        { text: line.text },
        { text: formatMoney(line.amountKopecks, lang, { symbol: false }), width: MONEY_WIDTH, align: 'right' },
        { text: formatMoney(line.balanceKopecks, lang, { symbol: false }), width: MONEY_WIDTH, align: 'right' },
      ],
    });
  }
  blocks.push(
    { kind: 'rule' },
    { kind: 'pair', left: s.carriedForward, right: money(carriedForward), bold: true, size: 'double' },
    { kind: 'cut' },
  );
  return { id: input.statementId, type: 'passbook', lang, copy, blocks };
}
