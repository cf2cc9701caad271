import { DocumentView } from '../documents/DocumentView';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import type { Screen } from './session';

export function DoneScreen({ screen }: { screen: Extract<Screen, { name: 'done' }> }) {
  const { dispatch, t } = useKiosk();
  return (
    <div className="screen screen-done">
      <Heading>{t.doneTitle}</Heading>
      <p className={screen.printFailed ? 'note' : 'lead'} role={screen.printFailed ? 'alert' : undefined}>
        {screen.printFailed ? t.donePrintFailed : t.doneLead}
      </p>
      <div className="preview">
        <DocumentView document={screen.receipt.document} label={t.receiptPreview} />
      </div>
      <div className="nav">
        <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>
      </div>
    </div>
  );
}
