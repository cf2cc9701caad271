import { useContext, useEffect, useState } from 'react';
import type { StaffSession } from '../../shared/protocol/staff';
import type { Lang } from '../../shared/domain/money';
import { staffMessages } from '../../shared/i18n/staff-messages';
import { StaffLangContext } from './staff-lang';
import { useServices } from '../app/services';
import { AssistanceQueue } from './AssistanceQueue';
import { DeviceStatus } from './DeviceStatus';
import { LockScreen } from './LockScreen';
import { CheckoutPanel } from './checkout/CheckoutPanel';
import { RefundPanel } from './checkout/RefundPanel';
import { OrderDesk } from './OrderDesk';
import { PickupCounter } from './PickupCounter';
import { useIdleLock } from './use-idle-lock';
import { useStaffEvents } from './use-staff-events';
import { SignInScreen } from './SignInScreen';
import './staff.css';

/**
 * The staff tablet's screens, a bundle of their own (App.tsx loads it only on a tablet):
 * sign-in, then the calls from the branch's kiosks and this tablet's own state. The staff
 * session lives in memory only: a reload signs the staff member out.
 */
export function StaffApp() {
  const [lang, setLang] = useState<Lang>('ru');
  const t = staffMessages(lang);
  const [session, setSession] = useState<StaffSession | null>(null);
  const lock = useIdleLock(session !== null);
  const { api, identity } = useServices();
  // Signing out ends the session on the server too; offline it still ends here at once.
  function signOut() {
    const ending = session;
    lock.unlock();
    setSession(null);
    if (ending) void identity.get().then((id) => id && api.staffSignOut(id.token, ending.sessionToken)).catch(() => undefined);
  }
  useEffect(() => { document.documentElement.dataset['role'] = 'tablet'; }, []);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  return (
    <StaffLangContext.Provider value={lang}>
    <div className="tablet">
      <button type="button" className="tablet-button tablet-lang" data-testid="tablet-lang" lang={lang === 'ru' ? 'en' : 'ru'}
        onClick={() => setLang(lang === 'ru' ? 'en' : 'ru')}>{t.otherLanguage}</button>
      {session === null
        ? <SignInScreen onSignedIn={setSession} />
        : (
          <>
            {lock.locked && <LockScreen session={session} onUnlocked={lock.unlock} onSignOut={signOut} />}
            {/* Kept while locked, only hidden: its lists go on hearing events. */}
            <StaffHome session={session} hidden={lock.locked} onSignOut={signOut} />
          </>
        )}
    </div>
    </StaffLangContext.Provider>
  );
}

/**
 * The signed-in staff member's screen: calls for help, orders to bring, the order desk,
 * a sale, this tablet's state. One event stream feeds it. A call accepted with an order the
 * customer already found at the kiosk opens that order at the desk.
 */
function StaffHome({ session, hidden, onSignOut }: { session: StaffSession; hidden: boolean; onSignOut: () => void }) {
  const t = staffMessages(useContext(StaffLangContext));
  const live = useStaffEvents(session);
  const [open, setOpen] = useState<{ code: string; at: number } | null>(null);
  return (
    <main className="tablet-main" data-screen="tablet-home" hidden={hidden}>
      <header className="tablet-header">
        <p className="tablet-who" data-testid="signed-in-as">{t.signedInAs(session.staff.name)}</p>
        <button type="button" className="tablet-button" data-testid="sign-out" onClick={onSignOut}>{t.signOut}</button>
      </header>
      <AssistanceQueue session={session} live={live} onOpenOrder={(code) => setOpen({ code, at: Date.now() })} />
      <PickupCounter session={session} live={live} />
      <OrderDesk session={session} live={live} open={open} />
      <CheckoutPanel session={session} />
      <RefundPanel session={session} />
      <DeviceStatus />
    </main>
  );
}
