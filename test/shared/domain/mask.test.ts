import { describe, expect, it } from 'vitest';
import { maskCard, maskPhone, phoneLast4, shortName } from '../../../shared/domain/mask';
import { phoneLast4Hash } from '../../../shared/domain/phone-check';
import { sha256Hex } from '../../../shared/domain/sha256';
import { createHash } from 'node:crypto';
import { formatReceiptNumber, parseReceiptNumber } from '../../../shared/domain/receipt-number';
import { isValidEan13 } from '../../../shared/domain/ean13';
import { isValidInn } from '../../../shared/domain/inn';
import fc from 'fast-check';

describe('masking personal data', () => {
  it.each(['+7 916 123-45-67', '89161234567', '8 (916) 123 45 67', '9161234567'])('masks %s as +7 ••• •••-••-67', (phone) => {
    expect(maskPhone(phone)).toBe('+7 ••• •••-••-67');
    expect(phoneLast4(phone)).toBe('4567');
  });

  it.each([
    ['Иван Петрович Петров', 'Иван П.'],
    ['  мария   смирнова ', 'мария С.'],
    ['Ольга', 'Ольга'],
    ['', ''],
  ])('shortens "%s" to "%s"', (name, short) => {
    expect(shortName(name)).toBe(short);
  });

  it('masks a card to its last four digits', () => {
    expect(maskCard('2200 1234 5678 9012')).toBe('•••• 9012');
  });

  it('hashes the phone digits per order, identically to Node’s SHA-256', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }));
    expect(phoneLast4Hash('47110004', '4567')).not.toBe(phoneLast4Hash('47110012', '4567'));
  });
});

describe('receipt numbers and identifiers', () => {
  it('formats and parses device-scoped receipt numbers', () => {
    expect(formatReceiptNumber('MSK1-K01', 42)).toBe('MSK1-K01-000042');
    expect(parseReceiptNumber('MSK1-K01-000042')).toEqual({ deviceCode: 'MSK1-K01', counter: 42 });
    expect(parseReceiptNumber('MSK1-K01-000000')).toBeNull();
    expect(parseReceiptNumber('garbage')).toBeNull();
    expect(() => formatReceiptNumber('MSK1-K01', 0)).toThrow(RangeError);
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999 }), (n) => {
      expect(parseReceiptNumber(formatReceiptNumber('SPB2-T03', n))).toEqual({ deviceCode: 'SPB2-T03', counter: n });
    }));
  });

  it('checks EAN-13 and ИНН check digits', () => {
    expect(isValidEan13('4601234567893')).toBe(true);
    expect(isValidEan13('4601234567890')).toBe(false);
    expect(isValidInn('7707083893')).toBe(true); // Сбербанк
    expect(isValidInn('7707083890')).toBe(false);
  });
});
