import { useCallback, useEffect, useReducer, useRef } from 'react';
import { messages } from '../../shared/i18n';
import { useServices } from '../app/services';
import { callStaff } from '../flows/call-staff';
import { createScanDetector, scanKey } from '../input/scan-detector';
import { Button } from '../ui/Button';
import type { PaperDocument } from '../../shared/documents/model';
import { CartAnsweredScreen, CartScreen, confirmedHere } from './CartScreen';
import { CodeScreen } from './CodeScreen';
import { DoneScreen } from './DoneScreen';
import { HelpDialog } from './HelpDialog';
import { IdleDialog } from './IdleDialog';
import { KioskContext } from './kiosk-context';
import { openOrder } from './open-order';
import { openPassbook } from './open-passbook';
import { OrderScreen } from './OrderScreen';
import { PassbookDoneScreen, PassbookRememberScreen, PassbookScanScreen, PassbookScreen } from './PassbookScreens';
import { PhoneScreen } from './PhoneScreen';
import { screenSpeech } from './screen-speech';
import { DEFAULT_PREFS, INITIAL_SESSION, sessionReducer, type CartShown, type Screen, type Session, type SessionAction } from './session';
import { StaffScreen } from './StaffScreen';
import { StatusLine } from './StatusLine';
import { SummaryScreen } from './SummaryScreen';
import { useIdle, type IdleTiming } from './use-idle';
import { useStaffListening } from './use-staff-listening';
import { useVoices } from './use-voices';
import { WaitingScreen } from './WaitingScreen';
import { WelcomeScreen } from './WelcomeScreen';

/** Waiting at the pickup counter: the warning after 10 minutes untouched, then the usual 30 s to answer. */
const WAITING_IDLE: IdleTiming = { warnAfterSeconds: 600, answerSeconds: 30 };

/** The pickup counter's events addressed to this kiosk, as the waiting screen reads them. */
const PICKUP_EVENTS = new Map<string, Extract<SessionAction, { type: 'pickup' }>['what']>([
  ['order.paid', 'paid'], ['pickup.brought', 'brought'], ['pickup.closed', 'handed-over'],
]);

/** The order a visit waits for (from the waiting screen on), until the handover is done. */
function waitedOrder(screen: Screen, before: string | null): string | null {
  if (screen.name === 'waiting') return screen.order.code;
  if (screen.name === 'done' || (screen.name === 'staff' && screen.reason === 'handed-over')) return null;
  return before;
}

/** The customer's kiosk: one visit at a time, wiped at the end or after idle. */
export function KioskApp() {
  const services = useServices();
  const [session, dispatch] = useReducer(sessionReducer, INITIAL_SESSION);
  const { prefs } = session;
  const t = messages(prefs.lang);
  // Voice controls only where there is a voice (the shell's espeak-ng, or the browser's).
  const voices = useVoices();
  const canSpeak = voices[prefs.lang];

  const wipe = useCallback(() => {
    dispatch({ type: 'wipe' });
    services.host.speech.stop();
  }, [services]);
  const visiting = session.screen.name !== 'welcome' || prefs !== DEFAULT_PREFS || session.helpOpen || session.help !== null;
  // Waiting for staff (the goods being brought, or a call for help open) takes minutes
  // without a touch: the visit is not abandoned, so it is not wiped after the usual minute,
  // and the warning before it ends is spoken too, voice or not: the customer may be
  // looking for the staff member, not at the screen.
  const waitingForStaff = session.screen.name === 'waiting' || session.help !== null;
  const idle = useIdle(visiting, wipe, waitingForStaff ? WAITING_IDLE : services.idle);

  // However a visit ends (finished, cancelled, idle), nothing of it stays for the next
  // customer: the session state is already the initial one; sessionStorage and what the
  // host keeps (Electron: the engine's cookies and caches) go too.
  const wasVisiting = useRef(false);
  // The call for help of this visit: when the visit ends, the tablets stop waiting on it.
  const helpRequest = useRef<string | null>(null);
  helpRequest.current = session.help?.id ?? helpRequest.current;
  // The order this visit waited for at the counter, until it is handed over: when the
  // visit ends before that, the tablets stop bringing it here.
  const waitedFor = useRef<string | null>(null);
  waitedFor.current = waitedOrder(session.screen, waitedFor.current);
  // A cart shown and not answered when the visit ends (the idle wipe): the tablet hears "cancelled".
  const unanswered = useRef<string | null>(null);
  unanswered.current = session.screen.name === 'cart' ? session.screen.confirmationId : session.screen.name === 'cart-answered' ? null : unanswered.current;
  useEffect(() => {
    if (wasVisiting.current && !visiting) {
      sessionStorage.clear();
      void services.host.endVisit();
      const [requestId, orderCode, cartId] = [helpRequest.current, waitedFor.current, unanswered.current];
      helpRequest.current = null;
      waitedFor.current = null;
      unanswered.current = null;
      if (cartId) void services.identity.get().then((id) => id && services.api.answerConfirmation(id.token, cartId, 'cancelled')).catch(() => undefined);
      if (requestId || orderCode) {
        void services.changes.run([], async (change) => {
          if (requestId) await change.enqueue('assistance.cancelled', { requestId });
          if (orderCode) await change.enqueue('pickup.left', { orderCode });
        }).catch(() => undefined);
      }
    }
    wasVisiting.current = visiting;
  }, [visiting, services]);

  useEffect(() => {
    const root = document.documentElement;
    root.lang = prefs.lang;
    root.dataset['theme'] = prefs.contrast ? 'contrast' : 'normal';
    root.dataset['size'] = prefs.large ? 'large' : 'normal';
  }, [prefs]);

  // Each screen speaks when what it says changes, not on every digit typed.
  const speech = screenSpeech(t, session);
  const speak = useCallback((text: string) => services.host.speech.speak(text, prefs.lang), [services, prefs.lang]);
  useEffect(() => { if (prefs.voice) speak(speech); }, [speech, prefs.voice, speak]);
  const warning = idle.secondsLeft !== null;
  useEffect(() => { if (warning && (prefs.voice || waitingForStaff)) speak(t.idleSpeech); }, [warning]);

  // The moment the welcome screen can answer a tap: bench:kiosk reads it for cold start.
  useEffect(() => { performance.mark('okno:kiosk-ready'); }, []);

  // A passbook card's barcode from any screen; anything else is a pickup code's to read. A
  // card the kiosk cannot open (its number only, or not recognised) goes to staff at once,
  // with the step as context (never the number).
  const sessionRef = useRef(session);
  sessionRef.current = session;
  useScanner((scanned) => void openPassbook(services, scanned).then(async (action) => {
    if (!action) return dispatch(await openOrder(services, scanned, 'scanned'));
    dispatch(action);
    const screen = 'screen' in action ? action.screen : null;
    if (screen?.name === 'passbook-scan' && screen.error && !sessionRef.current.help && services.sync.getStatus().online !== false) {
      const id = await callStaff(services.changes, { ...sessionRef.current, screen }).catch(() => null);
      if (id) dispatch({ type: 'help-requested', id });
    }
  }));

  // Out of tries: a person is called to this kiosk with the step the customer was at (as
  // for a card the kiosk cannot open), not only pointed to the desk.
  const outOfTries = session.screen.name === 'staff' && session.screen.reason === 'too-many' ? session.screen.step ?? null : null;
  useEffect(() => {
    if (!outOfTries || sessionRef.current.help || services.sync.getStatus().online === false) return;
    void callStaff(services.changes, { ...sessionRef.current, screen: outOfTries }).then((id) => dispatch({ type: 'help-requested', id }), () => undefined);
  }, [outOfTries]);

  // Call staff: online, the call goes to the tablets (once a visit); offline, the dialog
  // points to the service desk, as nothing could reach anyone.
  async function askForHelp() {
    dispatch({ type: 'help', open: true });
    if (session.help || services.sync.getStatus().online === false) return;
    const id = await callStaff(services.changes, session).catch(() => null);
    if (id) dispatch({ type: 'help-requested', id });
  }
  // A staff member's cart to confirm: shown only on the welcome screen, between visits;
  // in another customer's visit the tablet is told the kiosk is busy, and nothing shows.
  const between = useRef(true);
  between.current = !visiting;
  // The paper of a sale confirmed here prints here, next to the customer; the tablet hears how it went.
  useEffect(() => services.live.subscribe((event) => {
    if (event.name !== 'cart.print') return;
    const confirmationId = String(event.data['confirmationId']);
    if (!confirmedHere.has(confirmationId)) return;
    confirmedHere.delete(confirmationId);
    void (async () => {
      const outcome = await services.host.print(event.data['documents'] as PaperDocument[]);
      const printed = outcome.ok ? 'ok' as const : outcome.code;
      dispatch({ type: 'cart-printed', confirmationId, printed });
      const id = await services.identity.get();
      if (id) await services.api.reportPrinted(id.token, confirmationId, printed).catch(() => undefined);
    })();
  }), [services]);
  // A copy (КОПИЯ) staff sent from a tablet prints once, and only between visits: never
  // over a customer's visit, where it would come out in front of someone else. Sent during a
  // visit, it waits for the welcome screen; the tablet hears it waits, then that it printed
  // (a reload replays the day's events, so each print id is kept).
  const heldCopies = useRef(new Map<string, { number: string; documents: PaperDocument[] }>());
  const printCopy = useCallback(async (printId: string, copy: { number: string; documents: PaperDocument[] }) => {
    heldCopies.current.delete(printId);
    const done = (await services.db.getSetting('printedCopies')) ?? [];
    if (done.includes(printId)) return;
    await services.db.putSetting('printedCopies', [...done, printId].slice(-50));
    const outcome = await services.host.print(copy.documents);
    const id = await services.identity.get();
    if (id) await services.api.reportCopyPrinted(id.token, printId, { number: copy.number, outcome: outcome.ok ? 'ok' : outcome.code }).catch(() => undefined);
  }, [services]);
  useEffect(() => services.live.subscribe((event) => {
    if (event.name !== 'document.print') return;
    const printId = String(event.data['printId']);
    const copy = { number: String(event.data['number']), documents: event.data['documents'] as PaperDocument[] };
    void (async () => {
      if (((await services.db.getSetting('printedCopies')) ?? []).includes(printId)) return;
      if (between.current) return printCopy(printId, copy);
      heldCopies.current.set(printId, copy);
      const id = await services.identity.get();
      if (id) await services.api.reportCopyPrinted(id.token, printId, { number: copy.number, outcome: 'waiting' }).catch(() => undefined);
    })();
  }), [services, printCopy]);
  useEffect(() => {
    if (visiting) return;
    for (const [printId, copy] of [...heldCopies.current]) void printCopy(printId, copy);
  }, [visiting, printCopy]);
  useEffect(() => services.live.subscribe((event) => {
    if (event.name !== 'cart.confirm') return;
    const cart = event.data as CartShown;
    void (async () => {
      const id = await services.identity.get();
      if (!id) return;
      // A reload replays the day's events: only a cart still waiting for an answer is shown.
      if (!(await services.api.confirmationOpen(id.token, cart.confirmationId).catch(() => false))) return;
      if (!between.current) {
        await services.api.answerConfirmation(id.token, cart.confirmationId, 'busy').catch(() => undefined);
        return;
      }
      dispatch({ type: 'prefs', prefs: { lang: cart.lang } });
      dispatch({ type: 'go', screen: { name: 'cart', confirmationId: cart.confirmationId, lines: cart.lines, totalKopecks: cart.totalKopecks } });
    })();
  }), [services]);
  useEffect(() => services.live.subscribe((event) => {
    if (event.name === 'assistance.accepted') dispatch({ type: 'helper', requestId: String(event.data['requestId']), name: String(event.data['staffFirstName'] ?? '') });
    if (event.name === 'assistance.closed') {
      const how = event.data['how'] === 'handed-over' ? 'handed-over' : 'resolved';
      dispatch({ type: 'help-closed', requestId: String(event.data['requestId']), how, orderCode: typeof event.data['orderCode'] === 'string' ? event.data['orderCode'] : null });
    }
    const orderCode = String(event.data['orderCode']);
    // pickup.closed: handed over by staff, or taken off the tablets' list (`how: dismissed`).
    const what = event.name === 'pickup.closed' && event.data['how'] === 'dismissed' ? 'dismissed' : PICKUP_EVENTS.get(event.name);
    // The goods come with what the server knows of the payment, in case its own event was missed.
    if (what === 'brought' && event.data['paid'] === true) dispatch({ type: 'pickup', orderCode, what: 'paid' });
    if (what) dispatch({ type: 'pickup', orderCode, what });
    // Paid at the desk: the kiosk's copy of the order says how, so the receipt does too.
    const paidBy = event.name === 'order.paid' ? event.data['method'] : event.name === 'pickup.brought' ? event.data['paidBy'] : undefined;
    if (paidBy === 'cash' || paidBy === 'card' || paidBy === 'online') void services.db.orders.update(orderCode, { paid: true, paidBy }).catch(() => undefined);
  }), [services]);
  // While a call is open and nobody has taken it: can anyone hear it at all?
  const listening = useStaffListening(session.help !== null && session.help.helper === null);
  useEffect(() => { if (prefs.voice && listening === false) speak(t.helpNobody); }, [listening]);
  // Who is coming is said aloud too: the customer may be looking for them, not at the screen.
  const helper = session.help?.helper;
  useEffect(() => { if (helper) speak(t.helpComing(helper)); }, [helper]);

  const dialogOpen = session.helpOpen || idle.secondsLeft !== null;
  return (
    <KioskContext.Provider value={{ session, dispatch, t, listening, voices }}>
      <div className="kiosk" data-help={session.help ? (session.help.helper ? 'coming' : 'called') : 'none'}>
        {/* On a portrait panel the actions go to the bottom, within reach from a wheelchair (kiosk.css). */}
        <header className="topbar" inert={dialogOpen}>
          <div className="topbar-info">
            <p className="brand">{t.appName}</p>
            <StatusLine />
          </div>
          <div className="topbar-actions">
            {prefs.voice && canSpeak && <Button testId="repeat" onClick={() => speak(speech)}>{t.repeat}</Button>}
            <Button variant="help" testId="call-staff" onClick={() => void askForHelp()}>{t.callStaff}</Button>
          </div>
        </header>
        <main className="content" inert={dialogOpen} data-screen={session.screen.name}>
          <CurrentScreen session={session} />
        </main>
        {/* The idle warning shows over everything, the help dialog too: a visit never ends unseen. */}
        {session.helpOpen && idle.secondsLeft === null && <HelpDialog />}
        {idle.secondsLeft !== null && <IdleDialog secondsLeft={idle.secondsLeft} onMore={idle.more} />}
      </div>
    </KioskContext.Provider>
  );
}

function CurrentScreen({ session }: { session: Session }) {
  const { screen } = session;
  switch (screen.name) {
    case 'welcome': return <WelcomeScreen />;
    case 'code': return <CodeScreen screen={screen} />;
    case 'phone': return <PhoneScreen screen={screen} />;
    case 'order': return <OrderScreen screen={screen} />;
    case 'waiting': return <WaitingScreen screen={screen} />;
    case 'summary': return <SummaryScreen screen={screen} />;
    case 'done': return <DoneScreen screen={screen} />;
    case 'staff': return <StaffScreen screen={screen} />;
    case 'cart': return <CartScreen screen={screen} />;
    case 'cart-answered': return <CartAnsweredScreen screen={screen} />;
    case 'passbook-scan': return <PassbookScanScreen screen={screen} />;
    case 'passbook': return <PassbookScreen screen={screen} />;
    case 'passbook-done': return <PassbookDoneScreen screen={screen} />;
    case 'passbook-remember': return <PassbookRememberScreen screen={screen} />;
  }
}

/** The scanner works on every screen: a fast burst of keys ending in Enter is a scan. */
function useScanner(onScan: (text: string) => void) {
  useEffect(() => {
    const detector = createScanDetector();
    function onKey(event: KeyboardEvent) {
      const scanned = detector.key(scanKey(event.code) ?? event.key, event.timeStamp);
      if (scanned === null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      onScan(scanned);
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
