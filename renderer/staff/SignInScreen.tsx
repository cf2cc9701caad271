import { useRef, useState } from 'react';
import { formatDateTime } from '../../shared/domain/datetime';
import { useStaffText } from './staff-lang';
import { createScanDetector } from '../input/scan-detector';
import { RequestRejectedError } from '../sync/api-client';
import { DeviceStatus } from './DeviceStatus';
import { PinSetupScreen } from './PinSetupScreen';

/**
 * Staff sign in with their employee number and PIN, checked by the server only. Scanner
 * input is ignored here (Odoo let a product barcode sign in as the default user): a burst
 * of keys empties the fields instead of filling them.
 */
export function SignInScreen({ onSignIn, note: endNote = '' }: { onSignIn: (employeeNo: string, pin: string) => Promise<void>; note?: string }) {
  const { t, lang } = useStaffText();
  const [employeeNo, setEmployeeNo] = useState('');
  const [pin, setPin] = useState('');
  const [note, setNote] = useState(endNote);
  const [busy, setBusy] = useState(false);
  const detector = useRef(createScanDetector({ minLength: 4 }));
  const [settingPin, setSettingPin] = useState(false);

  function onKeyDown(event: React.KeyboardEvent) {
    if (detector.current.key(event.key, event.timeStamp) === null) return;
    event.preventDefault();
    setEmployeeNo('');
    setPin('');
    setNote(t.scannerIgnored);
  }

  async function submit() {
    if (busy) return;
    setBusy(true);
    try {
      await onSignIn(employeeNo, pin);
    } catch (error) {
      setPin('');
      if (error instanceof RequestRejectedError && error.status === 401) setNote(t.signInWrong(error.attemptsLeft ?? 0));
      else if (error instanceof RequestRejectedError && error.code === 'staff-deactivated') setNote(t.pinSetupDeactivated);
      else if (error instanceof RequestRejectedError && error.status === 423) setNote(t.signInLocked(formatDateTime(error.lockedUntil ?? new Date().toISOString(), lang)));
      else setNote(t.signInOffline);
    } finally {
      setBusy(false);
    }
  }

  if (settingPin) {
    return <PinSetupScreen onBack={() => setSettingPin(false)} onDone={(no) => { setSettingPin(false); setEmployeeNo(no); setPin(''); setNote(t.pinSetupDone(no)); }} />;
  }
  return (
    <main className="tablet-main" data-screen="tablet-sign-in">
      <h1 className="tablet-title">{t.signInTitle}</h1>
      <p className="tablet-lead">{t.signInLead}</p>
      <div className="tablet-sign-in-columns">
      <form className="tablet-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={onKeyDown}>
        <label htmlFor="employee-no">{t.employeeNo}</label>
        <input id="employee-no" className="tablet-field" inputMode="numeric" autoComplete="off" value={employeeNo}
          onChange={(e) => setEmployeeNo(e.target.value.replace(/\D/g, ''))} data-testid="employee-no" />
        <label htmlFor="pin">{t.pin}</label>
        <input id="pin" className="tablet-field" type="password" inputMode="numeric" autoComplete="off" value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} data-testid="pin" />
        <p className="tablet-note" role="alert" data-testid="sign-in-note">{note}</p>
        <button type="submit" className="tablet-button tablet-primary" data-testid="sign-in" disabled={busy}>{t.signIn}</button>
        <button type="button" className="tablet-button" data-testid="open-pin-setup" onClick={() => setSettingPin(true)}>{t.pinSetupOpen}</button>
      </form>
      {/* Before anyone signs in (after a reload with the server down, say): what this tablet
          still has to send, and that it is kept. Sync goes on with the device's own token. */}
      <section className="tablet-sign-in-device" aria-label={t.signInDeviceTitle} data-testid="sign-in-device">
        <DeviceStatus />
      </section>
      </div>
    </main>
  );
}
