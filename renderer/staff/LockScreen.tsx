import { useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import { useStaffText } from './staff-lang';
import type { UnlockVerifier } from '../../shared/protocol/staff';
import type { TabletSession } from './use-staff-session';
import { useServices } from '../app/services';
import { codeMatchesVerifier } from '../hashing/unlock-verifier';
import { OfflineError, RequestRejectedError } from '../sync/api-client';
import type { IdleLock } from './use-idle-lock';
import { oldestWaiting, type Waiting } from './waiting';

/**
 * The tablet locked itself: the signed-in staff member's PIN opens it again, checked by
 * the server. While the server cannot be reached, the session's own unlock code opens it
 * (shown at sign-in; never the PIN, so nothing on the tablet can be turned into a
 * sign-in), checked against `verifier`, a few tries only: then the staff screens close,
 * the verifier goes (null), and only the server's PIN check opens the tablet, for the
 * rest of the shift. Another staff member signs out instead. Above it, who waits at the
 * kiosks (the lists behind it go on hearing, and ringing): a locked tablet never hides a
 * customer.
 */
export function LockScreen({ session, verifier, lock, onSignOut, waiting }: { session: TabletSession; verifier: UnlockVerifier | null; lock: IdleLock; onSignOut: () => void; waiting: Waiting[] | null }) {
  const { t, lang } = useStaffText();
  const { api, identity, sync } = useServices();
  const [pin, setPin] = useState('');
  const [note, setNote] = useState('');
  const [offline, setOffline] = useState(false);
  useEffect(() => sync.subscribe((status) => { if (status.online !== null) setOffline(!status.online); }), [sync]);

  // One check at a time: a second tap while the first waits for the server would count twice.
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (busy) return;
    setBusy(true);
    try {
      await check(pin);
    } finally {
      setBusy(false);
    }
  }
  async function check(typed: string) {
    setPin('');
    try {
      const id = await identity.get();
      if (!id) throw new Error('not enrolled');
      await api.staffUnlock(id.token, session.sessionToken, typed);
      lock.unlock();
    } catch (error) {
      if (error instanceof OfflineError) {
        setOffline(true);
        if (lock.serverOnly || !verifier) return setNote(t.unlockServerOnly);
        if (await codeMatchesVerifier(typed, verifier)) return lock.unlock();
        const left = session.offlineUnlockAttempts - lock.offlineMisses - 1;
        lock.missedOffline(session.offlineUnlockAttempts);
        setNote(left > 0 ? t.unlockCodeWrong(left) : t.unlockServerOnly);
      } else if (error instanceof RequestRejectedError && error.status === 423) {
        setNote(t.signInLocked(formatDateTime(error.lockedUntil ?? new Date().toISOString(), lang)));
      } else if (error instanceof RequestRejectedError && error.status === 401 && error.attemptsLeft !== undefined) {
        setOffline(false);
        setNote(t.signInWrong(error.attemptsLeft));
      } else {
        onSignOut(); // the session itself is gone (ended or expired): sign in again
      }
    }
  }

  // Past the tries of an earlier lock this shift the verifier is gone: offline, no code opens this one either.
  const codeOnly = offline && !lock.serverOnly && verifier !== null;
  const serverOnly = !codeOnly && (lock.serverOnly || offline);
  return (
    <main className="tablet-main" data-screen="tablet-locked">
      <h1 className="tablet-title">{t.lockedTitle}</h1>
      {waiting && <WaitingSummary waiting={waiting} />}
      <p className="tablet-lead" data-testid="locked-lead">{serverOnly ? t.unlockServerOnly : codeOnly ? t.lockedOfflineLead(session.staff.name) : t.lockedLead(session.staff.name)}</p>
      <form className="tablet-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="unlock-pin">{codeOnly ? t.unlockCodeLabel : t.pin}</label>
        <input id="unlock-pin" className="tablet-field" type="password" inputMode="numeric" autoComplete="off" value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} data-testid="unlock-pin" />
        <p className="tablet-note" role="alert" data-testid="unlock-note">{note}</p>
        <div className="tablet-row">
          <button type="submit" className="tablet-button tablet-primary" data-testid="unlock" disabled={busy}>{t.unlock}</button>
          <button type="button" className="tablet-button" data-testid="locked-sign-out" onClick={onSignOut}>{t.signOut}</button>
        </div>
      </form>
    </main>
  );
}

/** How many calls and orders wait, and the one waiting longest: where, and for how long. */
function WaitingSummary({ waiting }: { waiting: Waiting[] }) {
  const { t } = useStaffText();
  const { clock } = useServices();
  const now = clock.nowMs();
  // The wait grows while the tablet stays locked.
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 15_000);
    return () => clearInterval(timer);
  }, []);
  const oldest = oldestWaiting(waiting);
  const calls = waiting.filter((w) => w.kind === 'call').length;
  return (
    <section className="tablet-waiting" role="status" data-testid="locked-waiting" data-count={waiting.length}>
      {oldest === null ? <p>{t.lockedNobodyWaits}</p> : (
        <>
          <p className="tablet-big" data-testid="locked-waiting-count">{t.lockedWaiting(calls, waiting.length - calls)}</p>
          <p data-testid="locked-waiting-oldest">{t.lockedOldest(oldest.kiosk, oldest.place, Math.max(0, Math.floor((now - oldest.since) / 60_000)))}</p>
        </>
      )}
    </section>
  );
}
