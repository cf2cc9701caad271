import { useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import { useServices } from '../app/services';
import { RequestRejectedError } from '../sync/api-client';
import { useStaffText } from './staff-lang';

/** What the server's contract refuses as a PIN anyone guesses (shared/protocol/staff.ts): one digit, or a run. */
const weakPin = (pin: string) => /^(\d)\1+$/.test(pin) || '0123456789'.includes(pin) || '9876543210'.includes(pin);

/**
 * A person sets their own PIN with the one-time code of their enrolment or of a reset
 * (issue 22): nobody else ever types it, on a command line or anywhere. Wrong codes count
 * and lock like wrong PINs; the code works once.
 */
export function PinSetupScreen({ onDone, onBack }: { onDone: (employeeNo: string) => void; onBack: () => void }) {
  const { t, lang } = useStaffText();
  const { api, identity } = useServices();
  const [employeeNo, setEmployeeNo] = useState('');
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const digits = (value: string, max: number) => value.replace(/\D/g, '').slice(0, max);

  async function submit() {
    if (busy) return;
    if (pin !== repeat) { setNote(t.pinSetupMismatch); setPin(''); setRepeat(''); return; }
    if (weakPin(pin)) { setNote(t.pinSetupWeak); setPin(''); setRepeat(''); return; }
    setBusy(true);
    try {
      const id = await identity.get();
      if (!id) throw new Error('not enrolled');
      await api.setPin(id.token, employeeNo, code, pin);
      onDone(employeeNo);
    } catch (error) {
      setPin('');
      setRepeat('');
      if (!(error instanceof RequestRejectedError)) setNote(t.signInOffline);
      else if (error.status === 401) { setCode(''); setNote(t.pinSetupWrong(error.attemptsLeft ?? 0)); }
      else if (error.code === 'pin-setup-expired') setNote(t.pinSetupExpired);
      else if (error.code === 'staff-deactivated') setNote(t.pinSetupDeactivated);
      else if (error.status === 423) setNote(t.signInLocked(formatDateTime(error.lockedUntil ?? new Date().toISOString(), lang)));
      else setNote(t.pinSetupWeak);
    } finally {
      setBusy(false);
    }
  }

  const ready = /^\d{3,8}$/.test(employeeNo) && code.length === 8 && pin.length >= 4 && repeat.length >= 4;
  return (
    <main className="tablet-main" data-screen="tablet-pin-setup">
      <h1 className="tablet-title">{t.pinSetupTitle}</h1>
      <p className="tablet-lead">{t.pinSetupLead}</p>
      <form className="tablet-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="setup-employee-no">{t.employeeNo}</label>
        <input id="setup-employee-no" className="tablet-field" inputMode="numeric" autoComplete="off" value={employeeNo}
          onChange={(e) => setEmployeeNo(digits(e.target.value, 8))} data-testid="setup-employee-no" />
        <label htmlFor="setup-code">{t.pinSetupCode}</label>
        <input id="setup-code" className="tablet-field" inputMode="numeric" autoComplete="one-time-code" value={code}
          onChange={(e) => setCode(digits(e.target.value, 8))} data-testid="setup-code" />
        <label htmlFor="setup-pin">{t.pinSetupNew}</label>
        <input id="setup-pin" className="tablet-field" type="password" inputMode="numeric" autoComplete="new-password" value={pin}
          onChange={(e) => setPin(digits(e.target.value, 8))} data-testid="setup-pin" />
        <label htmlFor="setup-repeat">{t.pinSetupRepeat}</label>
        <input id="setup-repeat" className="tablet-field" type="password" inputMode="numeric" autoComplete="new-password" value={repeat}
          onChange={(e) => setRepeat(digits(e.target.value, 8))} data-testid="setup-repeat" />
        <p className="tablet-note" role="alert" data-testid="setup-note">{note}</p>
        <button type="submit" className="tablet-button tablet-primary" data-testid="setup-save" disabled={busy || !ready}>{t.pinSetupSave}</button>
        <button type="button" className="tablet-button" data-testid="setup-back" onClick={onBack}>{t.pinSetupBack}</button>
      </form>
    </main>
  );
}
