import { useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import { formatMoney } from '../../shared/domain/money';
import { useServices } from '../app/services';
import { printPassbook } from '../flows/print-passbook';
import { setRemembered } from '../flows/remember-me';
import { Button } from '../ui/Button';
import { ScreenFrame } from '../ui/ScreenFrame';
import { useKiosk } from './kiosk-context';
import { passbookSummaryText } from './passbook-text';
import { PassbookCardPicture } from './pictures/PassbookCardPicture';
import { PaperOutPicture } from './pictures/PaperOutPicture';
import { ScannerPicture } from './pictures/ScannerPicture';
import type { RememberStep, Screen } from './session';
import { PASSBOOK_STEPS } from './steps';

/** Flow C, first step: the card's barcode to the scanner (read by the kiosk's scanner from any screen); the card and the scanner drawn. */
export function PassbookScanScreen({ screen }: { screen: Extract<Screen, { name: 'passbook-scan' }> }) {
  const { dispatch, t } = useKiosk();
  const { panel } = useServices();
  return (
    <ScreenFrame
      name="passbook-scan" title={t.passbookScanTitle} step={t.step(1, PASSBOOK_STEPS)}
      picture={<div className="pictures"><PassbookCardPicture /><ScannerPicture holding="card" place={panel.scanner} /></div>}
      back={<Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>}
    >
      {screen.error
        ? <p className="note" role="alert" data-testid="passbook-error" data-error={screen.error}>{screen.error === 'unknown' ? t.passbookUnknown : t.passbookNumberOnly}</p>
        : <p className="lead">{t.passbookScanLead}</p>}
    </ScreenFrame>
  );
}

/** The question that follows this visit's printout (or the book with nothing new), on its own screen. */
function rememberStep(screen: Extract<Screen, { name: 'passbook' }>): RememberStep | null {
  return screen.recognition === 'ask' || screen.recognition === 'known' ? { book: screen.book, recognition: screen.recognition } : null;
}

/**
 * The card's new lines and balance, shown and spoken; «Напечатать» prints the continuation.
 * A holder who asked to be remembered is greeted by name and gets their settings for this
 * visit. Whether to remember (or forget) them is asked after the printout, on its own screen.
 */
export function PassbookScreen({ screen }: { screen: Extract<Screen, { name: 'passbook' }> }) {
  const { dispatch, t, session } = useKiosk();
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const { lang } = session.prefs;
  const remembered = screen.book.preferences;
  useEffect(() => {
    if (screen.recognition === 'known' && remembered) dispatch({ type: 'prefs', prefs: remembered });
  }, [screen.cardNumber]);
  const remember = rememberStep(screen);
  async function print() {
    if (busy) return; // one printout per tap, however impatient
    setBusy(true);
    const outcome = await printPassbook({ changes: services.changes, host: services.host }, { book: screen.book, cardNumber: screen.cardNumber, lang, offline: screen.offline });
    dispatch({ type: 'go', screen: outcome.ok
      ? { name: 'passbook-done', printed: 'ok', statement: { number: outcome.number, lines: outcome.lines, balanceKopecks: outcome.balanceKopecks }, remember }
      // Paper did not come out: the customer has enough to think about; the question waits for a visit that prints.
      : { name: 'passbook-done', printed: outcome.code === 'nothing-new' ? 'failed' : outcome.code, remember: null } });
  }
  const hasNew = screen.book.entries.length > 0;
  return (
    <ScreenFrame
      name="passbook" title={screen.recognition === 'known' ? t.passbookHello(screen.book.shortName) : t.passbookTitle} step={t.step(2, PASSBOOK_STEPS)}
      back={<Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>}
      main={hasNew
        ? <Button variant="primary" testId="passbook-print" onClick={() => void print()}>{t.passbookPrint}</Button>
        : remember
          ? <Button variant="primary" testId="passbook-next" onClick={() => dispatch({ type: 'go', screen: { name: 'passbook-remember', ...remember } })}>{t.next}</Button>
          : <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>}
    >
      <p className="lead big-text" data-testid="passbook-summary">{passbookSummaryText(t, screen, lang)}</p>
      {screen.offline && <p className="note" data-testid="passbook-as-of">{t.passbookAsOf(formatDateTime(screen.book.asOf, lang))}</p>}
    </ScreenFrame>
  );
}

/** What came out, in words (its number, how many lines, the balance), or why nothing did; then the question, if there is one. */
export function PassbookDoneScreen({ screen }: { screen: Extract<Screen, { name: 'passbook-done' }> }) {
  const { dispatch, t, session } = useKiosk();
  const { printed, statement, remember } = screen;
  return (
    <ScreenFrame
      name="passbook-done" title={printed === 'ok' ? t.passbookDoneTitle : t.passbookNotPrintedTitle} step={t.step(3, PASSBOOK_STEPS)}
      picture={printed === 'ok' ? <PaperOutPicture /> : undefined}
      main={remember
        ? <Button variant="primary" testId="passbook-next" onClick={() => dispatch({ type: 'go', screen: { name: 'passbook-remember', ...remember } })}>{t.next}</Button>
        : <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>}
    >
      {printed === 'ok' ? <p className="lead">{t.passbookDoneLead}</p> : (
        <p className="note" role="alert" data-testid="passbook-problem" data-problem={printed}>
          {printed === 'failed' ? t.passbookNotPrinted : `${t.passbookProblem(printed)} ${t.passbookNotPrinted}`}
        </p>
      )}
      {statement && <p className="lead" data-testid="printed-what">{t.passbookPrinted(statement.number, statement.lines, formatMoney(statement.balanceKopecks, session.prefs.lang))}</p>}
    </ScreenFrame>
  );
}

/**
 * One decision: remember this holder (their text size, contrast, voice and language, and a
 * greeting by name next time), or, for one remembered, forget them on every kiosk. Nothing
 * is kept unless they say «Да».
 */
export function PassbookRememberScreen({ screen }: { screen: Extract<Screen, { name: 'passbook-remember' }> }) {
  const { dispatch, t, session } = useKiosk();
  const services = useServices();
  const { recognition } = screen;
  async function answer(yes: boolean | 'forget') {
    if (yes === false) { dispatch({ type: 'go', screen: { ...screen, recognition: 'declined' } }); return; }
    const { lang, large, contrast, voice } = session.prefs;
    const book = await setRemembered(services.changes, { book: screen.book, preferences: yes === true ? { lang, large, contrast, voice } : null })
      .catch(() => null);
    if (book) dispatch({ type: 'go', screen: { ...screen, book, recognition: yes === true ? 'remembered' : 'forgotten' } });
  }
  const finish = <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>;
  if (recognition === 'ask') {
    return (
      <ScreenFrame
        name="passbook-remember" title={t.rememberTitle} testId="remember-offer"
        back={<Button testId="remember-no" onClick={() => void answer(false)}>{t.rememberNo}</Button>}
        main={<Button variant="primary" testId="remember-yes" onClick={() => void answer(true)}>{t.rememberYes}</Button>}
      >
        <p className="lead">{t.rememberOffer}</p>
      </ScreenFrame>
    );
  }
  if (recognition === 'known') {
    return (
      <ScreenFrame
        name="passbook-remember" title={t.rememberKnownTitle}
        back={<Button testId="forget-me" onClick={() => void answer('forget')}>{t.forgetMe}</Button>}
        main={finish}
      >
        <p className="lead">{t.rememberKnown}</p>
      </ScreenFrame>
    );
  }
  const text = { remembered: t.remembered, declined: t.rememberDeclined, forgotten: t.forgotten }[recognition];
  return (
    <ScreenFrame name="passbook-remember" title={t.rememberTitleDone} main={finish}>
      <p className="lead" role="status" data-testid={recognition}>{text}</p>
    </ScreenFrame>
  );
}
