import { Button } from '../ui/Button';
import { Dialog } from './Dialog';
import { useKiosk } from './kiosk-context';

/** "Call staff": for now it says where the service desk is; the staff tablet comes later. */
export function HelpDialog() {
  const { dispatch, t } = useKiosk();
  return (
    <Dialog title={t.staffTitle} testId="help">
      <p className="lead">{t.staffLead}</p>
      <Button variant="primary" testId="help-close" onClick={() => dispatch({ type: 'help', open: false })}>{t.goBack}</Button>
    </Dialog>
  );
}
