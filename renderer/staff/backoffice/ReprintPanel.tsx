import { isReceiptNumber } from '../../../shared/domain/receipt-number';
import { useEffect, useRef, useState } from 'react';
import { formatDateTime } from '../../../shared/domain/datetime';
import { formatMoney } from '../../../shared/domain/money';
import { formatOrderCode } from '../../../shared/domain/order-code';
import { messages } from '../../../shared/i18n';
import type { DeviceList } from '../../../shared/protocol/device-status';
import type { DocumentSummary } from '../../../shared/protocol/documents';
import type { TabletSession } from '../use-staff-session';
import { useServices } from '../../app/services';
import { uuidv7 } from '../../db/uuid7';
import { printProblemText } from '../../kiosk/print-problem';
import { useStaffText } from '../staff-lang';
import type { LiveEvents } from '../../sync/live-events';
import type { PrintProblem } from '../../bridge/host-bridge';
import { RequestRejectedError } from '../../sync/api-client';

/**
 * Copies (КОПИЯ) of the branch's receipts, slips and their warranty slips: found by receipt
 * number or order code, or from today's list, or from what a kiosk reported as maybe not
 * printed (never resent by itself). The server rebuilds the copy; it prints here (the
 * tablet's printer or the print dialog) or at a chosen kiosk, and each copy is recorded as
 * `document.reprinted` (who, when, which, where).
 */
/** Documents a page of the list shows; «Показать ещё» asks for the next (a busy day has hundreds). */
const DOCS_PAGE = 30;

export function ReprintPanel({ session, devices, live }: { session: TabletSession; devices: DeviceList | 'offline' | null; live: LiveEvents }) {
  const { t, lang } = useStaffText();
  const { api, identity, host, changes } = useServices();
  const [key, setKey] = useState('');
  const [docs, setDocs] = useState<DocumentSummary[] | 'offline' | null>(null);
  const [note, setNote] = useState('');
  // How a copy's note names each document («чека MSK1-K01-000123», «выписки по книжке •••• 1234»): never an id.
  const names = useRef(new Map<string, string>());
  const docOf = (number: string) => names.current.get(number) ?? t.reprintDocOf('receipt', number, null);
  // A passbook statement's copy: a supervisor's, with the customer's card scanned here.
  const [card, setCard] = useState('');
  const supervisor = session.staff.role === 'supervisor';
  const kiosks = devices && devices !== 'offline' ? devices.devices.filter((d) => d.role === 'kiosk') : [];
  const unprinted = kiosks.flatMap((k) => k.unprinted.map((u) => ({ ...u, kiosk: k.code })));

  // Where the list goes on: the next page's key, while the server has older documents.
  const [next, setNext] = useState<{ search: string | null; before: string } | null>(null);
  async function find(search: string | null, before?: string) {
    const id = await identity.get();
    const page = id ? await api.documents(id.token, session.sessionToken, search, { limit: DOCS_PAGE, ...(before ? { before } : {}) }).catch(() => 'offline' as const) : 'offline' as const;
    if (page === 'offline') {
      // Offline while showing more: what is shown stays, and the button says so.
      if (before) return setNote(t.reprintOffline);
      return setDocs('offline');
    }
    for (const d of page.documents) names.current.set(d.number, t.reprintDocOf(d.kind, d.number, d.card));
    setDocs((shown) => (before && Array.isArray(shown) ? [...shown, ...page.documents] : page.documents));
    setNext(page.next ? { search, before: page.next } : null);
  }
  useEffect(() => { void find(null); }, [session.sessionToken]);
  // What became of a copy sent to a kiosk: it waits for the customer there to finish, then prints (or not).
  const sent = useRef(new Set<string>());
  // Copies whose kiosk has answered already: its answer can come before the tablet's own
  // request returns (a busy Wi-Fi), and "sent" must not then cover "waiting" or "printed".
  const heard = useRef(new Set<string>());
  useEffect(() => live.subscribe((event) => {
    if (event.name !== 'document.printed' || !sent.current.has(String(event.data['printId']))) return;
    heard.current.add(String(event.data['printId']));
    const [number, kiosk, outcome] = [String(event.data['number']), String(event.data['kiosk']), String(event.data['outcome'])];
    setNote(outcome === 'waiting' ? t.reprintWaiting(docOf(number), kiosk) : outcome === 'ok' ? t.reprintPrintedAt(docOf(number), kiosk)
      : t.reprintFailedAt(docOf(number), kiosk, printProblemText(messages(lang), outcome as PrintProblem)));
  }), [live, lang]);

  async function record(number: string, printedOn: string) {
    await changes.run([], (change) => change.enqueue('document.reprinted', { receiptNumber: number, printedOn, staffSessionId: session.sessionId }));
  }
  /** Why a copy was refused, in words; null: it was not refused (offline, say). */
  const refusal = (error: unknown) => (error instanceof RequestRejectedError && error.code === 'card-mismatch' ? t.reprintPassbookWrongCard
    : error instanceof RequestRejectedError && (error.code === 'card-required' || error.code === 'role-forbidden') ? t.reprintPassbookNeedsCard : null);
  const cardFor = (passbook: boolean) => (passbook && card.trim() ? card.trim() : undefined);
  async function printHere(number: string, passbook = false) {
    if (passbook && !card.trim()) { setNote(t.reprintPassbookNeedsCard); return; }
    const id = await identity.get();
    let refused: string | null = null;
    const copy = id ? await api.documentCopy(id.token, session.sessionToken, number, cardFor(passbook)).catch((e: unknown) => { refused = refusal(e); return null; }) : null;
    if (!id || !copy) { setNote(refused ?? t.reprintOffline); return; }
    const outcome = await host.print(copy.documents);
    if (!outcome.ok) { setNote(printProblemText(messages(lang), outcome.code)); return; }
    await record(number, id.deviceCode);
    setNote(t.reprintDone(docOf(number), t.reprintHereWord));
  }
  async function printAt(number: string, kiosk: string, passbook = false) {
    if (passbook && !card.trim()) { setNote(t.reprintPassbookNeedsCard); return; }
    const id = await identity.get();
    const printId = uuidv7();
    sent.current.add(printId);
    const cardCode = cardFor(passbook);
    let refused: string | null = null;
    const taken = id ? await api.printCopyAt(id.token, session.sessionToken, number, { printId, kiosk, ...(cardCode ? { cardCode } : {}) }).catch((e: unknown) => { refused = refusal(e); return null; }) : null;
    // The server may have taken it though the tablet did not hear back (a busy Wi-Fi): what
    // the kiosk said of it stands, or staff would send it again and two copies print.
    if (!taken) { if (!heard.current.has(printId)) setNote(refused ?? t.reprintOffline); return; }
    await record(number, kiosk);
    if (!heard.current.has(printId)) setNote(t.reprintSent(docOf(number), kiosk));
  }
  const actions = (number: string, passbook = false) => (passbook && !supervisor ? <p data-testid="reprint-supervisor-only">{t.reprintPassbookSupervisor}</p> : (
    <div className="tablet-row">
      <button type="button" className="tablet-button tablet-primary" data-testid="reprint-here" onClick={() => void printHere(number, passbook)}>{t.reprintHere}</button>
      {kiosks.map((k) => (
        <button key={k.code} type="button" className="tablet-button" data-testid="reprint-kiosk" data-kiosk={k.code} onClick={() => void printAt(number, k.code, passbook)}>{t.reprintOnKiosk(k.code)}</button>
      ))}
    </div>
  ));

  return (
    <section className="tablet-panel" aria-labelledby="reprint-title" data-testid="reprint">
      <h2 id="reprint-title">{t.reprintTitle}</h2>
      {unprinted.length > 0 && (
        <div data-testid="unprinted">
          <h3>{t.unprintedTitle}</h3>
          <ul className="tablet-list">
            {unprinted.map((u) => (
              <li key={u.number} className="tablet-call tablet-alert" data-testid="unprinted-doc" data-number={u.number}>
                <p className="tablet-big">{t.unprintedLine(u.number, u.kiosk, t.unprintedProblem(u.problem))}</p>
                {actions(u.number)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className="tablet-row tablet-spaced" onSubmit={(e) => { e.preventDefault(); void find(key.trim() || null); }}>
        <label htmlFor="reprint-key" className="visually-hidden">{t.reprintFind}</label>
        <input id="reprint-key" className="tablet-field tablet-grow" autoComplete="off" placeholder={t.reprintFind} value={key} data-testid="reprint-key" onChange={(e) => setKey(e.target.value)} />
        <button type="submit" className="tablet-button" data-testid="reprint-find">{t.reprintFindButton}</button>
        <button type="button" className="tablet-button" onClick={() => { setKey(''); void find(null); }}>{t.reprintToday}</button>
      </form>
      {supervisor && (
        <div className="tablet-row">
          <label htmlFor="reprint-card">{t.reprintPassbookCard}</label>
          <input id="reprint-card" className="tablet-field tablet-grow" type="password" autoComplete="off" value={card} data-testid="reprint-card" onChange={(e) => setCard(e.target.value)} />
        </div>
      )}
      <p className="tablet-note" role="status" data-testid="reprint-note">{note}</p>
      {docs === 'offline' ? <p role="status">{t.reprintOffline}</p>
        : docs && docs.length === 0 ? <p role="status">{t.reprintNone}</p>
        : docs && (
          <ul className="tablet-list">
            {docs.map((d) => (
              <li key={d.number} className="tablet-call" data-testid="reprint-doc" data-number={d.number}>
                {/* A passbook printout is named by its number, its card and time (one printed before statements were numbered has an id instead: never shown). */}
                <p>{t.reprintLine(d.kind === 'passbook' ? t.reprintPassbookTitle(isReceiptNumber(d.number) ? d.number : null, d.card) : d.number, d.kind === 'passbook' ? '' : t.reprintKind(d.kind), d.orderCode ? formatOrderCode(d.orderCode) : d.kind === 'passbook' ? null : d.card,
                  formatDateTime(d.issuedAt, lang), d.device, d.kind === 'passbook' ? null : formatMoney(d.totalKopecks, lang), d.reprints)}</p>
                {actions(d.number, d.kind === 'passbook')}
              </li>
            ))}
          </ul>
        )}
      {Array.isArray(docs) && next && (
        <button type="button" className="tablet-button" data-testid="reprint-more" onClick={() => void find(next.search, next.before)}>{t.auditMore}</button>
      )}
    </section>
  );
}
