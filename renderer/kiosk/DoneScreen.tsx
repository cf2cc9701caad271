import { DocumentView } from '../documents/DocumentView';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import { printProblemText } from './print-problem';
import type { Screen } from './session';

/**
 * The handover is recorded. Says what to take from the printer, or, when the paper did
 * not come out, why in plain words and that staff will hand it over: the order is safe.
 */
export function DoneScreen({ screen }: { screen: Extract<Screen, { name: 'done' }> }) {
  const { dispatch, t } = useKiosk();
  const problem = screen.printProblem;
  const lead = screen.receipt.warranties.length > 0 ? t.doneLeadWarranty : t.doneLead;
  return (
    <div className="screen screen-done">
      <Heading>{problem ? t.doneTitleNoPaper : t.doneTitle}</Heading>
      {problem
        ? <p className="note" role="alert" data-testid="print-problem" data-problem={problem}>{printProblemText(t, problem)} {t.donePrintHelp}</p>
        : <p className="lead">{lead}</p>}
      <div className="preview">
        <DocumentView document={screen.receipt.document} label={t.receiptPreview} />
      </div>
      <div className="nav">
        <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>
      </div>
    </div>
  );
}
