import { Button } from '../ui/Button';
import { ScreenFrame } from '../ui/ScreenFrame';
import { useKiosk } from './kiosk-context';
import { PaperOutPicture } from './pictures/PaperOutPicture';
import { printProblemText } from './print-problem';
import type { Screen } from './session';
import { PICKUP_STEPS } from './steps';

/**
 * The handover is recorded. Says what to take from the printer (the receipt by its number
 * and how many warranty slips: the paper itself is in the customer's hand, not on the
 * screen), or, when the paper did not come out, why in plain words and that staff will
 * hand it over: the order is safe.
 */
export function DoneScreen({ screen }: { screen: Extract<Screen, { name: 'done' }> }) {
  const { dispatch, t } = useKiosk();
  const problem = screen.printProblem;
  const lead = screen.receipt.warranties.length > 0 ? t.doneLeadWarranty : t.doneLead;
  return (
    <ScreenFrame
      name="done" title={problem ? t.doneTitleNoPaper : t.doneTitle} step={t.step(PICKUP_STEPS, PICKUP_STEPS)}
      picture={problem ? undefined : <PaperOutPicture />}
      main={<Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>}
    >
      {problem
        ? <p className="note" role="alert" data-testid="print-problem" data-problem={problem}>{printProblemText(t, problem)} {t.donePrintHelp}</p>
        : <p className="lead">{lead}</p>}
      <p className="lead" data-testid="printed-what">{t.donePrinted(screen.receipt.number, screen.receipt.warranties.length, problem !== null)}</p>
    </ScreenFrame>
  );
}
