import { useState } from 'react';
import { useServices } from '../app/services';
import { handOver } from '../flows/hand-over';
import { Button } from '../ui/Button';
import { ErrorNote } from '../ui/ErrorNote';
import { ScreenFrame } from '../ui/ScreenFrame';
import { useKiosk } from './kiosk-context';
import { OrderLines } from './OrderLines';
import type { EntryError, Screen } from './session';
import { PICKUP_STEPS } from './steps';

const ENTRY_ERROR = { 'picked-up': 'picked-up', cancelled: 'cancelled', 'unknown-order': 'not-found' } as const satisfies Record<string, EntryError['kind']>;

/**
 * The last step before handover: a summary with confirm and cancel (WCAG 3.3.6). Confirm
 * commits the pickup and its queued transaction first; only then does the receipt print
 * and the screen say "done". If the kiosk cannot record it, the customer is told in plain
 * words that nothing happened, and may try again or ask staff.
 */
export function SummaryScreen({ screen }: { screen: Extract<Screen, { name: 'summary' }> }) {
  const { session, dispatch, t } = useKiosk();
  const services = useServices();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function confirm() {
    if (busy) return;
    setBusy(true);
    const outcome = await handOver(services, { code: screen.order.code, verifiedBy: screen.verifiedBy, lang: session.prefs.lang });
    setBusy(false);
    if (outcome.ok) {
      dispatch({ type: 'go', screen: { name: 'done', receipt: outcome.receipt, printProblem: outcome.printProblem } });
    } else if (outcome.code === 'failed') {
      setFailed(true);
    } else {
      dispatch({ type: 'go', screen: { name: 'code', digits: '', error: { kind: ENTRY_ERROR[outcome.code] } } });
    }
  }

  return (
    <ScreenFrame
      name="summary" title={t.summaryTitle} step={t.step(3, PICKUP_STEPS)}
      back={(
        <>
          <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
          {failed && <Button testId="to-staff" onClick={() => dispatch({ type: 'go', screen: { name: 'staff', reason: 'problem' } })}>{t.callStaff}</Button>}
        </>
      )}
      main={<Button variant="primary" testId="confirm" onClick={() => void confirm()}>{failed ? t.tryAgain : t.summaryConfirm}</Button>}
      list={<OrderLines order={screen.order} />}
    >
      <p className="lead" data-testid="summary-lead">{t.summaryBroughtLead}</p>
      <ErrorNote text={failed ? t.summaryFailed : null} />
    </ScreenFrame>
  );
}
