/** ИНН (Russian taxpayer number) check digits: 10 digits for organisations, 12 for people. */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits.charCodeAt(i) - 48), 0);
  return (sum % 11) % 10;
}

export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) return checkDigit(inn, W10) === Number(inn[9]);
  if (/^\d{12}$/.test(inn)) {
    return checkDigit(inn, W11) === Number(inn[10]) && checkDigit(inn, W12) === Number(inn[11]);
  }
  return false;
}

/** Completes the first 9 digits of an organisation's ИНН with its check digit. */
export function completeInn10(first9: string): string {
  if (!/^\d{9}$/.test(first9)) throw new RangeError('inn: 9 digits expected');
  return first9 + String(checkDigit(first9, W10));
}
