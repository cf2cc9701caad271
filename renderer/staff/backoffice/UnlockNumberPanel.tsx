import { useState } from 'react';
import type { TabletSession } from '../use-staff-session';
import { useServices } from '../../app/services';
import { useStaffText } from '../staff-lang';

/**
 * A supervisor lifts the lock of an employee number (too many wrong PINs, on one tablet
 * or everywhere) so the staff member signs in again at once; the server records who did.
 */
export function UnlockNumberPanel({ session }: { session: TabletSession }) {
  const { t } = useStaffText();
  const { api, identity } = useServices();
  const [employeeNo, setEmployeeNo] = useState('');
  const [note, setNote] = useState<{ text: string; ok: boolean }>({ text: '', ok: true });

  async function unlock() {
    const id = await identity.get();
    const done = id && /^\d{3,8}$/.test(employeeNo) ? await api.unlockNumber(id.token, session.sessionToken, employeeNo).catch(() => null) : null;
    setNote(done ? { text: t.unlockNumberDone(done.employeeNo, done.wasLocked), ok: true } : { text: t.unlockNumberFailed, ok: false });
    if (done) setEmployeeNo('');
  }

  return (
    <section className="tablet-panel" aria-labelledby="unlock-number-title" data-testid="unlock-number">
      <h2 id="unlock-number-title">{t.unlockNumberTitle}</h2>
      <p>{t.unlockNumberLead}</p>
      <form className="tablet-row" onSubmit={(e) => { e.preventDefault(); void unlock(); }}>
        <label htmlFor="unlock-number-no" className="visually-hidden">{t.employeeNo}</label>
        <input id="unlock-number-no" className="tablet-field tablet-grow" inputMode="numeric" autoComplete="off" placeholder={t.employeeNo} value={employeeNo}
          data-testid="unlock-number-no" onChange={(e) => { setEmployeeNo(e.target.value.replace(/\D/g, '')); setNote({ text: '', ok: true }); }} />
        <button type="submit" className="tablet-button" data-testid="unlock-number-button">{t.unlockNumberButton}</button>
      </form>
      <p className={note.ok ? '' : 'tablet-note'} role="status" data-testid="unlock-number-note">{note.text}</p>
    </section>
  );
}
