import { printProblemText } from './print-problem';
import type { Messages } from '../../shared/i18n';
import { entryErrorText } from './entry-error-text';
import { passbookSpeech, rememberSpeech } from './passbook-text';
import type { Session } from './session';

/**
 * The sentence each screen speaks. Built only from fixed strings and counts: masked or
 * personal data (names, phone digits, order codes) never goes through the speaker, but
 * for the one name a card holder asked to be greeted by, and their own balance, which
 * they asked to hear.
 */
export function screenSpeech(t: Messages, session: Session): string {
  const { screen } = session;
  switch (screen.name) {
    case 'welcome': return t.welcomeSpeech;
    case 'code': return entryErrorText(t, screen.error) ?? t.codeSpeech;
    case 'phone': return entryErrorText(t, screen.error) ?? t.phoneSpeech;
    case 'order': return t.orderSpeech(screen.order.items.length, screen.order.paid);
    case 'waiting':
      if (screen.brought) return t.waitingBroughtSpeech;
      return screen.desk ? `${t.waitingDeskTitle}. ${t.waitingDesk(screen.desk)}` : t.waitingSpeech(screen.order.paid);
    case 'summary': return `${t.waitingBroughtTitle}. ${t.summarySpeech}`;
    case 'done': return screen.printProblem ? `${printProblemText(t, screen.printProblem)} ${t.donePrintHelp}` : t.doneSpeech;
    case 'cart': return t.cartSpeech(screen.lines.reduce((n, l) => n + l.qty, 0));
    case 'cart-answered':
      if (screen.printed) return screen.printed === 'ok' ? t.cartPrinted : `${printProblemText(t, screen.printed)} ${t.donePrintHelp}`;
      return screen.answer === 'confirmed' ? t.cartThanks : screen.answer === 'cancelled' ? t.cartCancelled : t.cartFailed;
    case 'passbook-scan': return screen.error === 'unknown' ? t.passbookUnknown : screen.error === 'number-only' ? t.passbookNumberOnly : t.passbookScanSpeech;
    case 'passbook': return passbookSpeech(t, screen, session.prefs.lang);
    case 'passbook-remember': return rememberSpeech(t, screen);
    case 'passbook-done':
      if (screen.printed === 'ok') return `${t.passbookDoneTitle}. ${t.passbookDoneLead}`;
      return screen.printed === 'failed' ? `${t.passbookNotPrintedTitle}. ${t.passbookNotPrinted}` : `${t.passbookProblem(screen.printed)} ${t.passbookNotPrinted}`;
    case 'staff':
      if (screen.reason === 'handed-over') return t.handedOver;
      if (session.help) return `${t.staffTitle}. ${t.helpCalled}`;
      return screen.orderCode ? `${t.staffSpeech} ${t.deskCodeSpeech}` : t.staffSpeech;
  }
}
