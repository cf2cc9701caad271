import { useStaffText } from './staff-lang';

/**
 * Right after sign-in: the code that opens this tablet's lock while the server cannot be
 * reached, this shift only. Its parent renders it only while it can be seen (never
 * behind the lock, where a hidden element would still hold the code in the page), and
 * only until the staff member says they have it: then the tablet forgets the code.
 */
export function UnlockCodeNotice({ code, onSeen }: { code: string; onSeen: () => void }) {
  const { t } = useStaffText();
  return (
    <section className="tablet-notice" aria-labelledby="unlock-code-title" data-testid="unlock-code-notice">
      <h2 id="unlock-code-title" className="tablet-notice-title">{t.unlockCodeTitle}</h2>
      <p className="tablet-big-code" data-testid="unlock-code">{code.split('').join(' ')}</p>
      <p>{t.unlockCodeLead(code)}</p>
      <button type="button" className="tablet-button tablet-primary" data-testid="unlock-code-ok" onClick={onSeen}>{t.unlockCodeOk}</button>
    </section>
  );
}
