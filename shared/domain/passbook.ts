import { addKopecks, type Kopecks } from './money';

export type PassbookEntry = { date: string; text: string; amountKopecks: Kopecks };
export type PassbookLine = PassbookEntry & { balanceKopecks: Kopecks; page: number; line: number };

/** A book's place: a page and a line on it (line 0: nothing written on that page yet). */
export type BookPlace = { page: number; line: number };

/** The place after `place` in a book of `linesPerPage`: the next line, or the first of the next page. */
export function nextPlace(place: BookPlace, linesPerPage: number): BookPlace {
  return place.line >= linesPerPage ? { page: place.page + 1, line: 1 } : { page: place.page, line: place.line + 1 };
}

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

/** The older lines of a long-unprinted book, as one line of the printout: how many, from when to when, what they add up to. */
export type PassbookSummary = { count: number; from: string; to: string; amountKopecks: Kopecks };

/**
 * A continuation of more than `keep` new entries prints the older ones as one summary line
 * and the latest `keep` in full (a book left for a year does not eat a page a month). The
 * summary takes one line in the book, like an entry.
 */
export function summarise<E extends PassbookEntry>(entries: E[], keep: number): { summary: PassbookSummary | null; shown: E[] } {
  if (entries.length <= keep) return { summary: null, shown: entries };
  const older = entries.slice(0, entries.length - keep);
  return {
    summary: { count: older.length, from: older[0]!.date, to: older.at(-1)!.date, amountKopecks: older.reduce((sum, e) => addKopecks(sum, e.amountKopecks), 0) },
    shown: entries.slice(-keep),
  };
}

/**
 * A printout's lines: the older entries summarised when there are more than `keep`, then
 * each line's balance and place, from the start (the next free place and the balance
 * brought forward). `last` is the place of its last line: the book's new mark.
 */
export function continuationOf(
  start: { balanceKopecks: Kopecks; page: number; line: number; linesPerPage: number },
  entries: PassbookEntry[],
  keep: number,
  summaryText: (summary: PassbookSummary) => string,
): { lines: PassbookLine[]; carriedForward: Kopecks; last: BookPlace | null; summary: PassbookSummary | null } {
  const { summary, shown } = summarise(entries, keep);
  const all = summary ? [{ date: summary.to, text: summaryText(summary), amountKopecks: summary.amountKopecks }, ...shown] : shown;
  const { lines, carriedForward } = passbookLines(start, all);
  const lastLine = lines.at(-1);
  return { lines, carriedForward, last: lastLine ? { page: lastLine.page, line: lastLine.line } : null, summary };
}

/** The place `steps` lines before `place` (a copy of a printout finds where it started from where it ended). */
export function placeBack(place: BookPlace, steps: number, linesPerPage: number): BookPlace {
  let { page, line } = place;
  for (let i = 0; i < steps; i++) {
    if (line > 1) line -= 1;
    else { page -= 1; line = linesPerPage; }
  }
  return { page, line };
}
