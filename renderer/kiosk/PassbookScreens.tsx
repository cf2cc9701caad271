import { useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import { useServices } from '../app/services';
import { DocumentView } from '../documents/DocumentView';
import { printPassbook } from '../flows/print-passbook';
import { setRemembered } from '../flows/remember-me';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import { passbookSummaryText } from './passbook-text';
import type { Screen } from './session';

/** Flow C, first step: the card's barcode to the scanner (read by the kiosk's scanner from any screen). */
export function PassbookScanScreen({ screen }: { screen: Extract<Screen, { name: 'passbook-scan' }> }) {
  const { dispatch, t } = useKiosk();
  return (
    <div className="screen screen-passbook-scan">
      <Heading>{t.passbookScanTitle}</Heading>
      {screen.error
        ? <p className="note" role="alert" data-testid="passbook-error" data-error={screen.error}>{screen.error === 'unknown' ? t.passbookUnknown : t.passbookNumberOnly}</p>
        : <p className="lead">{t.passbookScanLead}</p>}
      <div className="nav">
        <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
      </div>
    </div>
  );
}

/**
 * The card's new lines and balance, shown and spoken; «Напечатать» prints the continuation.
 * A holder who asked to be remembered is greeted by name and gets their settings for this
 * visit; anyone else is offered that once, and nothing is kept unless they say «Да».
 * «Забыть меня» erases it all.
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
  async function answer(yes: boolean | 'forget') {
    if (yes === false) { dispatch({ type: 'go', screen: { ...screen, recognition: 'declined' } }); return; }
    const { large, contrast, voice } = session.prefs;
    const book = await setRemembered(services.changes, { book: screen.book, preferences: yes === true ? { lang, large, contrast, voice } : null })
      .catch(() => null);
    if (book) dispatch({ type: 'go', screen: { ...screen, book, recognition: yes === true ? 'remembered' : 'forgotten' } });
  }
  async function print() {
    if (busy) return; // one printout per tap, however impatient
    setBusy(true);
    const outcome = await printPassbook({ changes: services.changes, host: services.host }, { book: screen.book, cardNumber: screen.cardNumber, lang, offline: screen.offline });
    dispatch({ type: 'go', screen: outcome.ok ? { name: 'passbook-done', printed: 'ok', document: outcome.document } : { name: 'passbook-done', printed: outcome.code === 'nothing-new' ? 'failed' : outcome.code } });
  }
  return (
    <div className="screen screen-passbook">
      <Heading>{screen.recognition === 'known' || screen.recognition === 'remembered' ? t.passbookHello(screen.book.shortName) : t.passbookTitle}</Heading>
      <p className="lead big-text" data-testid="passbook-summary">{passbookSummaryText(t, screen, lang)}</p>
      {screen.offline && <p className="note" data-testid="passbook-as-of">{t.passbookAsOf(formatDateTime(screen.book.asOf, lang))}</p>}
      <div className="nav">
        <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
        {screen.book.entries.length > 0 && <Button variant="primary" testId="passbook-print" onClick={() => void print()}>{t.passbookPrint}</Button>}
      </div>
      {screen.recognition === 'ask' && (
        <section className="offer" aria-labelledby="remember-offer" data-testid="remember-offer">
          <p id="remember-offer" className="lead">{t.rememberOffer}</p>
          <div className="nav">
            <Button testId="remember-yes" onClick={() => void answer(true)}>{t.rememberYes}</Button>
            <Button testId="remember-no" onClick={() => void answer(false)}>{t.rememberNo}</Button>
          </div>
        </section>
      )}
      {screen.recognition === 'remembered' && <p className="lead" role="status" data-testid="remembered">{t.remembered}</p>}
      {screen.recognition === 'forgotten' && <p className="lead" role="status" data-testid="forgotten">{t.forgotten}</p>}
      {(screen.recognition === 'known' || screen.recognition === 'remembered') && (
        <div className="nav">
          <Button testId="forget-me" onClick={() => void answer('forget')}>{t.forgetMe}</Button>
        </div>
      )}
    </div>
  );
}

export function PassbookDoneScreen({ screen }: { screen: Extract<Screen, { name: 'passbook-done' }> }) {
  const { dispatch, t } = useKiosk();
  const { printed } = screen;
  return (
    <div className="screen screen-passbook-done">
      <Heading>{printed === 'ok' ? t.passbookDoneTitle : t.passbookNotPrintedTitle}</Heading>
      {printed === 'ok' ? <p className="lead">{t.passbookDoneLead}</p> : (
        <p className="note" role="alert" data-testid="passbook-problem" data-problem={printed}>
          {printed === 'failed' ? t.passbookNotPrinted : `${t.passbookProblem(printed)} ${t.passbookNotPrinted}`}
        </p>
      )}
      {screen.document && (
        <div className="preview">
          <DocumentView document={screen.document} label={t.passbookPreview} />
        </div>
      )}
      <div className="nav">
        <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>
      </div>
    </div>
  );
}
