import { dammCheckDigit, dammValid } from './damm';

/**
 * An order code is 8 digits: a 7-digit order number and a Damm check digit. Eight
 * digits fit a large keypad and a customer's memory of an SMS; the check digit lets the
 * kiosk say "this code has a typo" before it looks anything up.
 */
export const ORDER_CODE_LENGTH = 8;
const BODY_LENGTH = ORDER_CODE_LENGTH - 1;

export type OrderCodeCheck =
  | { ok: true; code: string }
  /** fewer or more digits than an order code has */
  | { ok: false; code: 'length' }
  /** something other than digits (after spaces and dashes are removed) */
  | { ok: false; code: 'not-digits' }
  /** the right length but the check digit does not match: a mistyped or swapped digit */
  | { ok: false; code: 'check-digit' };

export function makeOrderCode(orderNumber: number): string {
  if (!Number.isSafeInteger(orderNumber) || orderNumber < 0 || orderNumber >= 10 ** BODY_LENGTH) {
    throw new RangeError(`order number out of range: ${orderNumber}`);
  }
  const body = String(orderNumber).padStart(BODY_LENGTH, '0');
  return body + String(dammCheckDigit(body));
}

/** Normalises what a person typed or a scanner sent ("4711 2345", "4711-2345") and checks it. */
export function checkOrderCode(input: string): OrderCodeCheck {
  const cleaned = input.replace(/[\s-]/g, '');
  if (!/^\d*$/.test(cleaned)) return { ok: false, code: 'not-digits' };
  if (cleaned.length !== ORDER_CODE_LENGTH) return { ok: false, code: 'length' };
  if (!dammValid(cleaned)) return { ok: false, code: 'check-digit' };
  return { ok: true, code: cleaned };
}

/** "47112345" → "4711 2345": easier to read aloud and to compare with a slip. */
export function formatOrderCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}
