import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../shared/domain/money';
import { maskCard, maskPhone } from '../../../shared/domain/mask';
import { numberWords } from '../../../shared/speech/number-words';
import { speakable } from '../../../shared/speech/speakable';

describe('numbers in words', () => {
  it.each([
    [0, 'masc', 'ноль'], [1, 'masc', 'один'], [1, 'fem', 'одна'], [2, 'fem', 'две'], [11, 'masc', 'одиннадцать'],
    [21, 'fem', 'двадцать одна'], [101, 'masc', 'сто один'], [1000, 'masc', 'одна тысяча'], [2002, 'masc', 'две тысячи два'],
    [5_000, 'masc', 'пять тысяч'], [48_210, 'masc', 'сорок восемь тысяч двести десять'], [1_000_000, 'masc', 'один миллион'],
    [2_341_512, 'masc', 'два миллиона триста сорок одна тысяча пятьсот двенадцать'],
  ] as const)('ru %i (%s) is «%s»', (n, gender, words) => {
    expect(numberWords(n, 'ru', gender)).toBe(words);
  });

  it.each([
    [0, 'zero'], [13, 'thirteen'], [21, 'twenty-one'], [100, 'one hundred'], [105, 'one hundred and five'],
    [1990, 'one thousand nine hundred and ninety'], [48_210, 'forty-eight thousand two hundred and ten'], [1_000_005, 'one million and five'],
  ])('en %i is "%s"', (n, words) => {
    expect(numberWords(n, 'en')).toBe(words);
  });
});

describe('text made for listening', () => {
  it.each([
    ['ru', `Остаток ${formatMoney(4_821_000, 'ru')}.`, 'Остаток сорок восемь тысяч двести десять рублей.'],
    ['ru', `К оплате ${formatMoney(199_050, 'ru')}`, 'К оплате одна тысяча девятьсот девяносто рублей пятьдесят копеек'],
    ['ru', 'Итого 21 руб. и 1 рубль', 'Итого двадцать один рубль и один рубль'],
    ['ru', 'Сумма в руб. указана', 'Сумма в рублей указана'],
    ['ru', 'Цена 3,01 ₽', 'Цена три рубля одна копейка'],
    ['en', `Balance ${formatMoney(4_821_000, 'en')}.`, 'Balance forty-eight thousand two hundred and ten roubles.'],
    ['en', `To pay ${formatMoney(101, 'en')}`, 'To pay one rouble and one kopeck'],
  ] as const)('%s: %s', (lang, text, spoken) => {
    expect(speakable(text, lang)).toBe(spoken);
  });

  it('never speaks masked data, not even its visible digits', () => {
    const text = `Телефон ${maskPhone('+7 916 123-45-67')}, карта ${maskCard('4276 1234 5678 1234')}. Спасибо!`;
    const spoken = speakable(text, 'ru');
    expect(spoken).toBe('Телефон, карта. Спасибо!');
    expect(spoken).not.toMatch(/\d|•/);
  });
});
