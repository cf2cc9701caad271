import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dammCheckDigit, dammValid } from '../../../shared/domain/damm';
import { checkOrderCode, formatOrderCode, makeOrderCode } from '../../../shared/domain/order-code';

const orderNumber = fc.integer({ min: 0, max: 9_999_999 });

describe('order codes with a Damm check digit', () => {
  it('accepts every code it makes, however it is spaced', () => {
    fc.assert(fc.property(orderNumber, (n) => {
      const code = makeOrderCode(n);
      expect(checkOrderCode(code)).toEqual({ ok: true, code });
      expect(checkOrderCode(` ${formatOrderCode(code)} `)).toEqual({ ok: true, code });
    }));
  });

  it('catches every single mistyped digit', () => {
    fc.assert(fc.property(orderNumber, fc.nat(7), fc.integer({ min: 1, max: 9 }), (n, pos, delta) => {
      const code = makeOrderCode(n);
      const wrong = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
      expect(checkOrderCode(wrong)).toEqual({ ok: false, code: 'check-digit' });
    }));
  });

  it('catches every swap of two neighbouring different digits', () => {
    fc.assert(fc.property(orderNumber, fc.nat(6), (n, pos) => {
      const code = makeOrderCode(n);
      fc.pre(code[pos] !== code[pos + 1]);
      const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
      expect(checkOrderCode(swapped).ok).toBe(false);
    }));
  });

  it('catches every single-digit error, exhaustively, for 2,858 order numbers', () => {
    for (let n = 0; n < 20_000; n += 7) {
      const code = makeOrderCode(n);
      for (let pos = 0; pos < 8; pos++) for (let d = 1; d < 10; d++) {
        const wrong = code.slice(0, pos) + String((Number(code[pos]) + d) % 10) + code.slice(pos + 1);
        expect(dammValid(wrong)).toBe(false);
      }
    }
  });

  it.each([
    ['1234', 'length'],
    ['123456789', 'length'],
    ['4711-00O4', 'not-digits'],
    ['', 'length'],
  ])('explains why %s is not a code: %s', (input, reason) => {
    expect(checkOrderCode(input)).toEqual({ ok: false, code: reason });
  });

  it('matches the published Damm example (572 → 4)', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(dammValid('5724')).toBe(true);
  });
});
