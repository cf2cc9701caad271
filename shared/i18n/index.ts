import type { Lang } from '../domain/money';
import { en } from './en';
import type { Messages } from './messages';
import { ru } from './ru';

export type { Messages, MessageKey } from './messages';
export { plural, pluralForm } from './plural';

const tables: Record<Lang, Messages> = { ru, en };

/** The strings of one language; `messages('en').callStaff`, `messages('ru').idleLead(30)`. */
export function messages(lang: Lang): Messages {
  return tables[lang];
}
