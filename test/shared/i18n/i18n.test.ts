import { describe, expect, it } from 'vitest';
import { messages, plural } from '../../../shared/i18n';
import { ru } from '../../../shared/i18n/ru';

describe('strings', () => {
  it.each([
    [1, '1 операция'], [2, '2 операции'], [5, '5 операций'], [11, '11 операций'], [21, '21 операция'], [22, '22 операции'], [112, '112 операций'],
  ])('Russian plural of %i', (n, expected) => {
    expect(plural('ru', n, { one: 'операция', few: 'операции', many: 'операций' })).toBe(expected);
  });

  it('English has every Russian key, and no string is empty', () => {
    const en = messages('en');
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      const value = en[key];
      const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)(2, true) : value;
      expect(text, key).not.toBe('');
    }
  });

  it('spoken texts hold no masking dots or digits of a phone', () => {
    for (const lang of ['ru', 'en'] as const) {
      const t = messages(lang);
      for (const text of [t.welcomeSpeech, t.codeSpeech, t.phoneSpeech, t.orderSpeech(2, true), t.summarySpeech, t.doneSpeech, t.staffSpeech, t.idleSpeech]) {
        expect(text).not.toMatch(/[•*]|\+7/);
      }
    }
  });
});
