import { formatMoney, type Lang } from '../../shared/domain/money';
import type { Messages } from '../../shared/i18n';
import type { Screen } from './session';

/** "12 марта", "12 March": the first new entry's day, as people say it. */
const dayMonth = (iso: string, lang: Lang) => new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long' }).format(new Date(iso));

/** What the passbook screen says (and speaks): how many new lines since when, and the balance. */
export function passbookSummaryText(t: Messages, screen: Extract<Screen, { name: 'passbook' }>, lang: Lang): string {
  const { book } = screen;
  const balance = formatMoney(book.mark.balanceKopecks + book.entries.reduce((sum, e) => sum + e.amountKopecks, 0), lang);
  return book.entries.length === 0 ? t.passbookNone(balance) : t.passbookNew(book.entries.length, dayMonth(book.entries[0]!.postedAt, lang), balance);
}


/** The passbook screen's words, as spoken: the greeting of a holder who asked to be remembered, and the summary. */
export function passbookSpeech(t: Messages, screen: Extract<Screen, { name: 'passbook' }>, lang: Lang): string {
  return [...(screen.recognition === 'known' ? [t.passbookHello(screen.book.shortName)] : []), passbookSummaryText(t, screen, lang)].join(' ');
}

/** The question after the printout, or the answer given, as spoken. */
export function rememberSpeech(t: Messages, screen: Extract<Screen, { name: 'passbook-remember' }>): string {
  switch (screen.recognition) {
    case 'ask': return `${t.rememberTitle} ${t.rememberOffer}`;
    case 'known': return t.rememberKnown;
    case 'remembered': return t.remembered;
    case 'declined': return t.rememberDeclined;
    case 'forgotten': return t.forgotten;
  }
}
