import { useState } from 'react';
import { useServices } from '../app/services';
import { recordPickup } from '../db/pickup-repo';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import { OrderLines } from './OrderLines';
import type { Screen } from './session';

/**
 * The last step before handover: a summary with confirm and cancel (WCAG 3.3.6). Confirm
 * commits the pickup and its queued transaction first; only then does the receipt print
 * and the screen say "done".
 */
export function SummaryScreen({ screen }: { screen: Extract<Screen, { name: 'summary' }> }) {
  const { session, dispatch, t } = useKiosk();
  const services = useServices();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    const outcome = await recordPickup(services.db, {
      code: screen.order.code, verifiedBy: screen.verifiedBy, lang: session.prefs.lang, now: new Date(),
    });
    if (!outcome.ok) {
      dispatch({ type: 'go', screen: { name: 'code', digits: '', error: { kind: outcome.reason === 'not-ready' ? 'picked-up' : 'not-found' } } });
      return;
    }
    services.announce();
    services.sync.kick();
    void services.sync.refreshCounts();
    const printed = await services.host.print([outcome.receipt.document, ...outcome.receipt.warranties]);
    dispatch({ type: 'go', screen: { name: 'done', receipt: outcome.receipt, printProblem: printed.ok ? null : printed.code } });
  }

  return (
    <div className="screen screen-summary">
      <Heading>{t.summaryTitle}</Heading>
      <p className="lead">{t.summaryLead}</p>
      <OrderLines order={screen.order} />
      <div className="nav">
        <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
        <Button variant="primary" testId="confirm" onClick={() => void confirm()}>{t.summaryConfirm}</Button>
      </div>
    </div>
  );
}
