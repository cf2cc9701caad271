import type { Lang } from '../domain/money';
import { pluralForm } from '../i18n/plural';
import { numberWords } from './number-words';

const RUBLES = { one: 'рубль', few: 'рубля', many: 'рублей' };
const KOPECKS = { one: 'копейка', few: 'копейки', many: 'копеек' };

/** A sum in words: «сорок восемь тысяч двести десять рублей», "forty-eight thousand … roubles and five kopecks". */
export function moneyWords(rubles: number, kopecks: number, lang: Lang): string {
  if (lang === 'ru') {
    const main = `${numberWords(rubles, 'ru', 'masc')} ${RUBLES[pluralForm('ru', rubles)]}`;
    return kopecks ? `${main} ${numberWords(kopecks, 'ru', 'fem')} ${KOPECKS[pluralForm('ru', kopecks)]}` : main;
  }
  const main = `${numberWords(rubles, 'en')} ${rubles === 1 ? 'rouble' : 'roubles'}`;
  return kopecks ? `${main} and ${numberWords(kopecks, 'en')} ${kopecks === 1 ? 'kopeck' : 'kopecks'}` : main;
}

const digits = (s: string) => Number(s.replace(/\D/g, ''));
// "48 210,00 ₽", "1 990 руб.", "5,50 рублей" (spaces may be no-break or thin spaces, as formatMoney writes them)
const RU_MONEY = /(\d{1,3}(?:[ \u00a0\u202f]\d{3})*|\d+)(?:,(\d{2}))?[ \u00a0\u202f]?(?:₽|руб\.|рублей|рубля|рубль)(?![а-яё])/gi;
// "RUB 48,210.00"
const EN_MONEY = /RUB[ \u00a0\u202f](\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{2}))?/g;
// Masked personal data: "+7 ••• •••-••-67", "•••• 1234": the visible digits are still someone's.
const MASKED = /(?:\+?\d[\d \u00a0()-]*)?•[•\d \u00a0()-]*/g;

/**
 * A text made for listening, as the kiosk speaks it (EN 301 549 5.1.3; speech privacy
 * 5.1.3.8/9): sums become words with «рублей/копеек» ("forty roubles"), «руб.» is read
 * out, and masked data (a phone's or card's last digits) is left out altogether: the
 * kiosk's speaker is public. Screens already speak no personal data (screen-speech.ts);
 * this is the second line of defence, in the one place every spoken text passes.
 */
export function speakable(text: string, lang: Lang): string {
  const spoken = text
    .replace(MASKED, ' ')
    .replace(RU_MONEY, (_m, rub: string, kop?: string) => moneyWords(digits(rub), kop ? Number(kop) : 0, 'ru'))
    .replace(EN_MONEY, (_m, rub: string, kop?: string) => moneyWords(digits(rub), kop ? Number(kop) : 0, 'en'))
    .replace(/(?<![а-яё])руб\./gi, 'рублей')
    .replace(/₽/g, lang === 'ru' ? 'рублей' : 'roubles')
    .replace(/[«»"“”]/g, '');
  return spoken.replace(/\s+/g, ' ').replace(/\s+([.,!?:;])/g, '$1').trim();
}
