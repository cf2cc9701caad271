import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { continuationOf, nextPlace, type BookPlace, type PassbookEntry } from '../../../shared/domain/passbook';

const entry: fc.Arbitrary<PassbookEntry> = fc.record({
  date: fc.constantFrom('2026-01-05', '2026-02-10', '2026-03-12'),
  text: fc.constantFrom('Пенсия', 'Снятие', 'Покупка'),
  amountKopecks: fc.integer({ min: -5_000_000, max: 5_000_000 }),
});

/** Prints `entries` as printouts of the given sizes, each from the mark the last one left, as a kiosk would. */
function printInParts(entries: PassbookEntry[], sizes: number[], linesPerPage: number, keep: number, balance0: number) {
  let mark: BookPlace = { page: 1, line: 0 };
  let balance = balance0;
  let rest = entries;
  const places: BookPlace[] = [];
  for (const size of sizes) {
    if (rest.length === 0) break;
    const part = rest.slice(0, size);
    rest = rest.slice(size);
    const next = nextPlace(mark, linesPerPage);
    const printout = continuationOf({ balanceKopecks: balance, page: next.page, line: next.line, linesPerPage }, part, keep, (s) => `(${s.count})`);
    // Each line's balance is the one before plus its amount; the printout ends at its last line.
    let running = balance;
    for (const line of printout.lines) {
      running += line.amountKopecks;
      expect(line.balanceKopecks).toBe(running);
      expect(line.line).toBeGreaterThanOrEqual(1);
      expect(line.line).toBeLessThanOrEqual(linesPerPage);
      places.push({ page: line.page, line: line.line });
    }
    expect(printout.carriedForward).toBe(running);
    expect(printout.lines.length).toBe(Math.min(part.length, keep + (part.length > keep ? 1 : 0)));
    balance = printout.carriedForward;
    mark = printout.last!;
  }
  return { balance, places, rest };
}

describe('passbook continuation arithmetic', () => {
  it('balances add up across any split into printouts and pages, and the book’s places follow each other with no gap or repeat', () => {
    fc.assert(fc.property(
      fc.array(entry, { minLength: 1, maxLength: 80 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
      fc.integer({ min: 4, max: 30 }), fc.integer({ min: 0, max: 10_000_000 }),
      (entries, sizes, linesPerPage, balance0) => {
        const { balance, places, rest } = printInParts(entries, [...sizes, entries.length], linesPerPage, 1_000, balance0);
        expect(rest).toEqual([]);
        expect(balance).toBe(balance0 + entries.reduce((sum, e) => sum + e.amountKopecks, 0));
        let expected: BookPlace = { page: 1, line: 0 };
        for (const place of places) {
          expected = nextPlace(expected, linesPerPage);
          expect(place).toEqual(expected);
        }
      },
    ), { numRuns: 300 });
  });

  it('a long unprinted book: the summary line carries the older entries’ sum, so the balance still adds up and the printout has keep + 1 lines', () => {
    fc.assert(fc.property(fc.array(entry, { minLength: 1, maxLength: 100 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 4, max: 30 }), (entries, keep, linesPerPage) => {
      const printout = continuationOf({ balanceKopecks: 0, page: 1, line: 1, linesPerPage }, entries, keep, (s) => `(${s.count})`);
      expect(printout.carriedForward).toBe(entries.reduce((sum, e) => sum + e.amountKopecks, 0));
      expect(printout.lines.length).toBe(entries.length > keep ? keep + 1 : entries.length);
      if (entries.length > keep) expect(printout.summary).toMatchObject({ count: entries.length - keep, from: entries[0]!.date });
      else expect(printout.summary).toBeNull();
    }), { numRuns: 300 });
  });
});
