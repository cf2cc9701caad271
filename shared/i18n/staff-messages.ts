import type { Lang } from '../domain/money';
import { staffEn } from './staff-en';
import { staffRu } from './staff-ru';

/** The staff tablet's strings; `staff-en.ts` must have every key of `staff-ru.ts` (the compiler checks). */
export type StaffMessages = { [K in keyof typeof staffRu]: (typeof staffRu)[K] extends (...args: infer A) => string ? (...args: A) => string : string };

export function staffMessages(lang: Lang): StaffMessages {
  return lang === 'ru' ? staffRu : staffEn;
}
