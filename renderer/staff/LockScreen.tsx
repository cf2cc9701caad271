import { useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import { useStaffText } from './staff-lang';
import type { StaffSession } from '../../shared/protocol/staff';
import { useServices } from '../app/services';
import { pinMatchesVerifier } from '../hashing/unlock-verifier';
import { OfflineError, RequestRejectedError } from '../sync/api-client';

/**
 * The tablet locked itself: the signed-in staff member's PIN opens it again, checked by
 * the server, or, while the server cannot be reached, against this session's own
 * verifier. Another staff member signs out instead.
 */
export function LockScreen({ session, onUnlocked, onSignOut }: { session: StaffSession; onUnlocked: () => void; onSignOut: () => void }) {
  const { t, lang } = useStaffText();
  const { api, identity } = useServices();
  const [pin, setPin] = useState('');
  const [note, setNote] = useState('');

  async function submit() {
    try {
      const id = await identity.get();
      if (!id) throw new Error('not enrolled');
      await api.staffUnlock(id.token, session.sessionToken, pin);
      onUnlocked();
    } catch (error) {
      setPin('');
      if (error instanceof OfflineError) {
        if (await pinMatchesVerifier(pin, session.unlockVerifier)) return onUnlocked();
        setNote(t.unlockWrong);
      } else if (error instanceof RequestRejectedError && error.status === 423) {
        setNote(t.signInLocked(formatDateTime(error.lockedUntil ?? new Date().toISOString(), lang)));
      } else if (error instanceof RequestRejectedError && error.status === 401 && error.attemptsLeft !== undefined) {
        setNote(t.signInWrong(error.attemptsLeft));
      } else {
        onSignOut(); // the session itself is gone (ended or expired): sign in again
      }
    }
  }

  return (
    <main className="tablet-main" data-screen="tablet-locked">
      <h1 className="tablet-title">{t.lockedTitle}</h1>
      <p className="tablet-lead">{t.lockedLead(session.staff.name)}</p>
      <form className="tablet-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="unlock-pin">{t.pin}</label>
        <input id="unlock-pin" className="tablet-field" type="password" inputMode="numeric" autoComplete="off" value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} data-testid="unlock-pin" />
        <p className="tablet-note" role="alert" data-testid="unlock-note">{note}</p>
        <div className="tablet-row">
          <button type="submit" className="tablet-button tablet-primary" data-testid="unlock">{t.unlock}</button>
          <button type="button" className="tablet-button" data-testid="locked-sign-out" onClick={onSignOut}>{t.signOut}</button>
        </div>
      </form>
    </main>
  );
}
