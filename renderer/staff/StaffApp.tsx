import { useContext, useEffect, useRef, useState } from 'react';
import type { Lang } from '../../shared/domain/money';
import { staffMessages } from '../../shared/i18n/staff-messages';
import { StaffLangContext } from './staff-lang';
import { useServices } from '../app/services';
import { AssistanceQueue } from './AssistanceQueue';
import { AuditPanel } from './AuditPanel';
import { BranchSections } from './backoffice/BranchSections';
import { DeviceAlerts } from './backoffice/DevicesPanel';
import { useDevices } from './backoffice/use-devices';
import { DeviceStatus } from './DeviceStatus';
import { LockScreen } from './LockScreen';
import { CheckoutPanel } from './checkout/CheckoutPanel';
import { RefundPanel } from './checkout/RefundPanel';
import { OrderDesk } from './OrderDesk';
import { PickupCounter } from './PickupCounter';
import { useIdleLock } from './use-idle-lock';
import { useStaffSession, type TabletSession } from './use-staff-session';
import { SESSION_ENDED_EVENT } from '../../shared/protocol/event-names';
import { UnlockCodeNotice } from './UnlockCodeNotice';
import { OfflineBanner } from './OfflineBanner';
import type { Waiting } from './waiting';
import { useStaffEvents } from './use-staff-events';
import { SignInScreen } from './SignInScreen';
import './staff.css';

/**
 * The staff tablet's screens, a bundle of their own (App.tsx loads it only on a tablet):
 * sign-in, then the calls from the branch's kiosks and this tablet's own state. The staff
 * session lives in memory only, with its signing key: a reload ends it (through the
 * outbox, use-staff-session.ts) and signs the staff member out.
 */
export function StaffApp() {
  const [lang, setLang] = useState<Lang>('ru');
  const t = staffMessages(lang);
  const staff = useStaffSession();
  const { session } = staff;
  const lock = useIdleLock(session !== null);
  const { api, identity, apiEvents } = useServices();
  // The audit log hears that the tablet locked itself, and the server serves the session
  // nothing but its unlock until the PIN opens it (offline, nothing is recorded).
  useEffect(() => {
    if (!lock.locked || !session) return;
    void identity.get().then((id) => id && api.staffLocked(id.token, session.sessionToken)).catch(() => undefined);
  }, [lock.locked]);
  // The server refused the session as it is: locked there (the tablet was unlocked
  // offline), or ended (signed out elsewhere, or its shift ran out).
  useEffect(() => {
    const refused = (event: Event) => {
      const code = (event as CustomEvent<string>).detail;
      if (code === 'session-locked') lock.lock();
      else if (code === 'unauthorized') void staff.end('signed-out', 'ended-on-server');
    };
    apiEvents.addEventListener('staff-refused', refused);
    return () => apiEvents.removeEventListener('staff-refused', refused);
  }, [staff.end]);
  function signOut() {
    lock.unlock();
    void staff.end('signed-out');
  }
  useEffect(() => { document.documentElement.dataset['role'] = 'tablet'; }, []);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  // Past the lock's offline tries, the staff screens and what they hold go, and so does
  // the code's verifier for the rest of the shift: only the server's PIN check opens it.
  const home = session && !lock.serverOnly;
  useEffect(() => { if (lock.serverOnly) staff.dropVerifier(); }, [lock.serverOnly]);
  // Who waits at the kiosks, as the (hidden) lists hear it: the lock screen shows it.
  const [waiting, setWaiting] = useState<Waiting[]>([]);
  return (
    <StaffLangContext.Provider value={lang}>
    <div className="tablet">
      <button type="button" className="tablet-button tablet-lang" data-testid="tablet-lang" lang={lang === 'ru' ? 'en' : 'ru'}
        onClick={() => setLang(lang === 'ru' ? 'en' : 'ru')}>{t.otherLanguage}</button>
      {session === null
        ? <SignInScreen onSignIn={staff.start} note={staff.endNote === 'expired' ? t.sessionExpired : staff.endNote === 'ended-on-server' ? t.sessionEndedOnServer : ''} />
        : (
          <>
            {lock.locked && <LockScreen session={session} verifier={staff.offlineUnlock.verifier} lock={lock} onSignOut={signOut} waiting={home ? waiting : null} />}
            {/* Kept while locked, only hidden: its lists go on hearing events, and ringing. */}
            {home && <StaffHome session={session} unlockCode={staff.offlineUnlock.code} onCodeSeen={staff.codeSeen} hidden={lock.locked}
              onSignOut={signOut} onEnded={() => void staff.end('signed-out', 'ended-on-server')} onWaiting={setWaiting} />}
          </>
        )}
    </div>
    </StaffLangContext.Provider>
  );
}

/** The tablet's sections, one on screen at a time. */
const TABS = ['help', 'desk', 'sale', 'refund', 'branch', 'device'] as const;
type Tab = (typeof TABS)[number];

/**
 * The signed-in staff member's screen, in tabs: calls for help and orders to bring (with
 * how many wait, so a staff member on another tab sees it), the order desk, a sale, a
 * refund, this tablet's state. Every section stays mounted while another is shown: the
 * lists go on hearing the one event stream. A call accepted with an order the customer
 * already found at the kiosk opens that order at the desk.
 */
function StaffHome({ session, unlockCode, onCodeSeen, hidden, onSignOut, onEnded, onWaiting }: {
  session: TabletSession; unlockCode: string | null; onCodeSeen: () => void; hidden: boolean; onSignOut: () => void; onEnded: () => void; onWaiting: (waiting: Waiting[]) => void;
}) {
  const t = staffMessages(useContext(StaffLangContext));
  const live = useStaffEvents(session);
  // The session was ended on the server (elsewhere, or from the CLI): leave the staff screens.
  useEffect(() => live.subscribe((e) => { if (e.name === SESSION_ENDED_EVENT && e.data['sessionId'] === session.sessionId) onEnded(); }), [live, session.sessionId]);
  const [open, setOpen] = useState<{ code: string; at: number } | null>(null);
  const [tab, setTab] = useState<Tab>('help');
  const [calls, setCalls] = useState<Waiting[]>([]);
  const [pickups, setPickups] = useState<Waiting[]>([]);
  useEffect(() => onWaiting([...calls, ...pickups]), [calls, pickups]);
  // Unlocked with someone waiting: the calls and orders are what opens.
  const wasHidden = useRef(hidden);
  useEffect(() => {
    if (wasHidden.current && !hidden && calls.length + pickups.length > 0) setTab('help');
    wasHidden.current = hidden;
  }, [hidden]);
  const [refused, setRefused] = useState(0);
  const devices = useDevices(session, live);
  const labels: Record<Tab, string> = { help: t.tabHelp(calls.length + pickups.length), desk: t.deskTitle, sale: t.saleTitle, refund: t.refundTitle, branch: t.tabBranch(refused), device: t.tabDevice };
  return (
    <main className="tablet-main" data-screen="tablet-home" hidden={hidden}>
      <header className="tablet-header">
        <p className="tablet-who" data-testid="signed-in-as">{t.signedInAs(session.staff.name)}</p>
        <button type="button" className="tablet-button" data-testid="sign-out" onClick={onSignOut}>{t.signOut}</button>
      </header>
      <OfflineBanner />
      {/* Not while locked: a hidden element would still hold the code in the page. */}
      {unlockCode !== null && !hidden && <UnlockCodeNotice code={unlockCode} onSeen={onCodeSeen} />}
      <DeviceAlerts list={devices.list} />
      <nav className="tablet-tabs" role="tablist" aria-label={t.tabsLabel}>
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls={`panel-${name}`}
            className={`tablet-tab${tab === name ? ' tablet-tab-current' : ''}`} data-testid={`tab-${name}`} onClick={() => setTab(name)}>
            {labels[name]}
          </button>
        ))}
      </nav>
      <div role="tabpanel" id="panel-help" aria-labelledby="tab-help" hidden={tab !== 'help'}>
        <AssistanceQueue session={session} live={live} onWaiting={setCalls} onOpenOrder={(code) => { setOpen({ code, at: Date.now() }); setTab('desk'); }} />
        <PickupCounter session={session} live={live} onWaiting={setPickups} />
      </div>
      <div role="tabpanel" id="panel-desk" aria-labelledby="tab-desk" hidden={tab !== 'desk'}>
        <OrderDesk session={session} live={live} open={open} />
      </div>
      <div role="tabpanel" id="panel-sale" aria-labelledby="tab-sale" hidden={tab !== 'sale'}>
        <CheckoutPanel session={session} live={live} active={tab === 'sale' && !hidden} />
      </div>
      <div role="tabpanel" id="panel-refund" aria-labelledby="tab-refund" hidden={tab !== 'refund'}>
        <RefundPanel session={session} />
      </div>
      <div role="tabpanel" id="panel-branch" aria-labelledby="tab-branch" hidden={tab !== 'branch'}>
        <BranchSections session={session} devices={devices.list} onRefreshDevices={devices.reload} live={live} active={tab === 'branch' && !hidden} onRefused={setRefused} />
      </div>
      <div role="tabpanel" id="panel-device" aria-labelledby="tab-device" hidden={tab !== 'device'}>
        <DeviceStatus />
        <AuditPanel session={session} active={tab === 'device' && !hidden} />
      </div>
    </main>
  );
}
