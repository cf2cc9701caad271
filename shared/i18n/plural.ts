import type { Lang } from '../domain/money';

/** Russian has three plural forms (1 операция, 2 операции, 5 операций); English two. */
export type PluralForms = { one: string; few: string; many: string };

export function pluralForm(lang: Lang, n: number): keyof PluralForms {
  const abs = Math.abs(Math.trunc(n));
  if (lang === 'en') return abs === 1 ? 'one' : 'many';
  const mod10 = abs % 10;
  const mod100 = abs % 100;
  if (mod10 === 1 && mod100 !== 11) return 'one';
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return 'few';
  return 'many';
}

/** "2 операции", "5 seconds": the number and the word in the right form. */
export function plural(lang: Lang, n: number, forms: PluralForms): string {
  return `${n} ${forms[pluralForm(lang, n)]}`;
}
