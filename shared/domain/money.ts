/**
 * Money is an integer number of kopecks, never a float: 1 rouble = 100 kopecks.
 * Every sum in okno (prices, totals, balances) goes through these functions, so
 * rounding can only happen where a price is first typed in (`parseRoubles`).
 */
export type Kopecks = number;
export type Lang = 'ru' | 'en';

export class MoneyError extends Error {
  override name = 'MoneyError';
}

/** Throws when a value is not a safe integer: a float here is a bug, not bad input. */
export function assertKopecks(value: number): Kopecks {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`not an integer number of kopecks: ${value}`);
  return value;
}

export function addKopecks(...values: Kopecks[]): Kopecks {
  return assertKopecks(values.reduce((sum, v) => sum + assertKopecks(v), 0));
}

export function multiplyKopecks(price: Kopecks, quantity: number): Kopecks {
  if (!Number.isSafeInteger(quantity)) throw new MoneyError(`quantity must be a whole number: ${quantity}`);
  return assertKopecks(assertKopecks(price) * quantity);
}

/** Parses "1 234,50", "1234.5" or "1234" roubles into kopecks; null when it is not money. */
export function parseRoubles(text: string): Kopecks | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const match = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const kopecks = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign === '-' ? -kopecks : kopecks;
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Formats kopecks for people. Russian: "1 234,50 ₽" with no-break spaces so a sum is
 * never split across lines; English: "RUB 1,234.50". `symbol: false` leaves the
 * currency out (for table columns whose header names it).
 */
export function formatMoney(value: Kopecks, lang: Lang, options: { symbol?: boolean } = {}): string {
  const kopecks = assertKopecks(value);
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  const whole = String(Math.floor(abs / 100));
  const fraction = String(abs % 100).padStart(2, '0');
  const withSymbol = options.symbol ?? true;
  if (lang === 'ru') {
    const amount = `${sign}${groupThousands(whole, '\u00a0')},${fraction}`;
    return withSymbol ? `${amount}\u00a0₽` : amount;
  }
  const amount = `${sign}${groupThousands(whole, ',')}.${fraction}`;
  return withSymbol ? `RUB\u00a0${amount}` : amount;
}
