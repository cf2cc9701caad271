import { useState } from 'react';
import { useStaffText } from './staff-lang';

/**
 * Right after sign-in: the code that opens this tablet's lock while the server cannot be
 * reached, this shift only. Shown until the staff member says they have it (the tab
 * «Этот планшет» keeps it for later).
 */
export function UnlockCodeNotice({ code }: { code: string }) {
  const { t } = useStaffText();
  const [seen, setSeen] = useState(false);
  if (seen) return null;
  return (
    <section className="tablet-notice" aria-labelledby="unlock-code-title" data-testid="unlock-code-notice">
      <h2 id="unlock-code-title" className="tablet-notice-title">{t.unlockCodeTitle}</h2>
      <p className="tablet-big-code" data-testid="unlock-code">{code.split('').join(' ')}</p>
      <p>{t.unlockCodeLead(code)}</p>
      <button type="button" className="tablet-button tablet-primary" data-testid="unlock-code-ok" onClick={() => setSeen(true)}>{t.unlockCodeOk}</button>
    </section>
  );
}
