import { addKopecks, type Kopecks } from './money';

export type PassbookEntry = { date: string; text: string; amountKopecks: Kopecks };
export type PassbookLine = PassbookEntry & { balanceKopecks: Kopecks; page: number; line: number };

/**
 * Passbook arithmetic: each entry gets the running balance and its place in the book
 * (page and line), continuing from where the last printout stopped. A page holds
 * `linesPerPage` entries; the next entry after a full page starts the next page at line 1.
 */
export function passbookLines(
  start: { balanceKopecks: Kopecks; page: number; line: number; linesPerPage: number },
  entries: PassbookEntry[],
): { lines: PassbookLine[]; carriedForward: Kopecks; next: { page: number; line: number } } {
  let balance = start.balanceKopecks;
  let { page, line } = start;
  const lines: PassbookLine[] = [];
  for (const entry of entries) {
    if (line > start.linesPerPage) { page += 1; line = 1; }
    balance = addKopecks(balance, entry.amountKopecks);
    lines.push({ ...entry, balanceKopecks: balance, page, line });
    line += 1;
  }
  return { lines, carriedForward: balance, next: { page, line } };
}
