import type { Lang } from './money';

/**
 * Calendar dates as "YYYY-MM-DD" strings: a warranty or a passbook line is about a day in
 * the branch's calendar, not an instant, so no time zone can move it.
 */
export type CalendarDate = string;

export function calendarDate(iso: string, timeZone: string): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  return parts;
}

/**
 * The day a warranty of `months` ends when it starts on `start` (the handover date, per
 * the ЗоЗПП): the same day of the month `months` later, or that month's last day when it
 * is shorter (31 January + 1 month → 28/29 February).
 */
export function addMonths(start: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months;
  const year = y + Math.floor(total / 12);
  const month = (total % 12 + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** "23.11.2026" in Russian, "23 Nov 2026" in English. */
export function formatCalendarDate(date: CalendarDate, lang: Lang, short = false): string {
  const [y, m, d] = date.split('-');
  if (lang === 'ru') return `${d}.${m}.${short ? y!.slice(2) : y}`;
  if (short) return `${d}.${m}.${y!.slice(2)}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d} ${months[Number(m) - 1]} ${y}`;
}
