import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addKopecks, formatMoney, multiplyKopecks, MoneyError, parseRoubles } from '../../../shared/domain/money';

const kopecks = fc.integer({ min: -1e12, max: 1e12 });

describe('money in kopecks', () => {
  it.each([
    [0, 'ru', '0,00 ₽'],
    [5, 'ru', '0,05 ₽'],
    [199_000, 'ru', '1 990,00 ₽'],
    [123_456_789, 'ru', '1 234 567,89 ₽'],
    [-4_550, 'ru', '-45,50 ₽'],
    [123_456_789, 'en', 'RUB 1,234,567.89'],
    [99, 'en', 'RUB 0.99'],
  ] as const)('formats %d kopecks in %s as "%s" with no-break spaces', (value, lang, text) => {
    expect(formatMoney(value, lang).replace(/\u00a0/g, ' ')).toBe(text);
    expect(formatMoney(value, lang)).not.toContain(' ');
  });

  it('round-trips formatting and parsing for any amount', () => {
    fc.assert(fc.property(kopecks, (k) => {
      expect(parseRoubles(formatMoney(k, 'ru', { symbol: false }))).toBe(k);
      expect(parseRoubles(formatMoney(k, 'en', { symbol: false }).replace(/,/g, ''))).toBe(k);
    }));
  });

  it('adds exactly, where floats would drift (0.1 + 0.2)', () => {
    expect(addKopecks(10, 20)).toBe(30);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 50 }), (xs) => {
      expect(addKopecks(...xs)).toBe(xs.reduce((a, b) => a + b, 0));
      expect(Number.isInteger(addKopecks(...xs))).toBe(true);
    }));
  });

  it('multiplies a price by a whole quantity, and refuses fractions', () => {
    expect(multiplyKopecks(19_990, 3)).toBe(59_970);
    expect(() => multiplyKopecks(19_990, 1.5)).toThrow(MoneyError);
    expect(() => addKopecks(0.1, 0.2)).toThrow(MoneyError);
  });

  it.each(['', 'abc', '1,234,5', '12.345', '1e3'])('does not read "%s" as money', (text) => {
    expect(parseRoubles(text)).toBeNull();
  });
});
