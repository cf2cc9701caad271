/**
 * The Damm check digit: one table lookup per digit, and it detects every single-digit
 * error and every swap of two neighbouring digits (the two mistakes people make most
 * when typing a code from a slip).
 */
const TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The interim digit after running `digits` through the table; 0 means the string checks. */
function dammInterim(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = TABLE[interim]![ch.charCodeAt(0) - 48]!;
  return interim;
}

/** The check digit to append to a string of decimal digits. */
export function dammCheckDigit(digits: string): number {
  if (!/^\d*$/.test(digits)) throw new RangeError('damm: digits only');
  return dammInterim(digits);
}

/** True when a string of digits ends in its correct Damm check digit. */
export function dammValid(digitsWithCheck: string): boolean {
  return /^\d+$/.test(digitsWithCheck) && dammInterim(digitsWithCheck) === 0;
}
