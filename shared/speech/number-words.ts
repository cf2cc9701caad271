import type { Lang } from '../domain/money';
import { pluralForm, type PluralForms } from '../i18n/plural';

/** Grammatical gender of what is counted: рубль and миллион are masculine, копейка and тысяча feminine. */
export type Gender = 'masc' | 'fem';

const RU_UNITS = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const RU_UNITS_FEM = ['', 'одна', 'две'];
const RU_TEENS = ['десять', 'одиннадцать', 'двенадцать', 'тринадцать', 'четырнадцать', 'пятнадцать', 'шестнадцать', 'семнадцать', 'восемнадцать', 'девятнадцать'];
const RU_TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const RU_HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];
const RU_SCALES: { value: number; forms: PluralForms; gender: Gender }[] = [
  { value: 1_000_000_000, forms: { one: 'миллиард', few: 'миллиарда', many: 'миллиардов' }, gender: 'masc' },
  { value: 1_000_000, forms: { one: 'миллион', few: 'миллиона', many: 'миллионов' }, gender: 'masc' },
  { value: 1_000, forms: { one: 'тысяча', few: 'тысячи', many: 'тысяч' }, gender: 'fem' },
];

function ruBelowThousand(n: number, gender: Gender): string[] {
  const words = [RU_HUNDREDS[Math.floor(n / 100)]!];
  const rest = n % 100;
  if (rest >= 10 && rest < 20) return [...words, RU_TEENS[rest - 10]!];
  words.push(RU_TENS[Math.floor(rest / 10)]!);
  const unit = rest % 10;
  words.push(gender === 'fem' && unit <= 2 ? RU_UNITS_FEM[unit]! : RU_UNITS[unit]!);
  return words;
}

const EN_SMALL = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES = [{ value: 1_000_000_000, word: 'billion' }, { value: 1_000_000, word: 'million' }, { value: 1_000, word: 'thousand' }];

function enBelowThousand(n: number): string[] {
  const words: string[] = [];
  if (n >= 100) words.push(EN_SMALL[Math.floor(n / 100)]!, 'hundred');
  const rest = n % 100;
  if (rest === 0) return words;
  if (words.length) words.push('and');
  if (rest < 20) words.push(EN_SMALL[rest]!);
  else words.push(rest % 10 ? `${EN_TENS[Math.floor(rest / 10)]}-${EN_SMALL[rest % 10]}` : EN_TENS[Math.floor(rest / 10)]!);
  return words;
}

/**
 * A whole number in words, for speech: 21 → «двадцать один» (masculine) or «двадцать
 * одна» (feminine, as in «двадцать одна копейка»), "twenty-one". Up to 999 999 999 999.
 */
export function numberWords(n: number, lang: Lang, gender: Gender = 'masc'): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`not a number to say: ${n}`);
  if (n === 0) return lang === 'ru' ? 'ноль' : 'zero';
  const words: string[] = [];
  let rest = n;
  if (lang === 'ru') {
    for (const scale of RU_SCALES) {
      const count = Math.floor(rest / scale.value);
      if (count === 0) continue;
      words.push(...ruBelowThousand(count, scale.gender), scale.forms[pluralForm('ru', count)]);
      rest %= scale.value;
    }
    words.push(...ruBelowThousand(rest, gender));
  } else {
    for (const scale of EN_SCALES) {
      const count = Math.floor(rest / scale.value);
      if (count === 0) continue;
      words.push(...enBelowThousand(count), scale.word);
      rest %= scale.value;
    }
    if (rest > 0 && rest < 100 && words.length) words.push('and');
    words.push(...enBelowThousand(rest).filter((w, i) => !(i === 0 && w === 'and')));
  }
  return words.filter(Boolean).join(' ');
}
