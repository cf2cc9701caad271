import { Button } from '../ui/Button';
import { Dialog } from './Dialog';
import { useKiosk } from './kiosk-context';

/**
 * "Call staff": online, the call went to the staff tablets and the dialog says so, then
 * who is coming once someone accepts; offline (nothing could be sent), where the service
 * desk is.
 */
export function HelpDialog() {
  const { session, dispatch, t } = useKiosk();
  const help = session.help;
  return (
    <Dialog title={t.staffTitle} testId="help">
      <p className="lead" data-testid="help-text" data-state={help?.helper ? 'coming' : help ? 'called' : 'desk'} role="status">
        {help?.helper ? t.helpComing(help.helper) : help ? t.helpCalled : t.staffLead}
      </p>
      <Button variant="primary" testId="help-close" onClick={() => dispatch({ type: 'help', open: false })}>{t.goBack}</Button>
    </Dialog>
  );
}
