import type { Lang } from './money';

/**
 * "23.11.2026 14:05" in Russian, "23 Nov 2026, 14:05" in English, in the device's time
 * zone unless one is given (tests pass one so the text is the same on every machine).
 */
export function formatDateTime(iso: string, lang: Lang, timeZone?: string): string {
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = {
    day: '2-digit', month: lang === 'ru' ? '2-digit' : 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  };
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', options).format(date).replace(',', lang === 'ru' ? '' : ',');
}
