import { Button } from '../ui/Button';
import { Dialog } from './Dialog';
import { useKiosk } from './kiosk-context';
import { StaffComingPicture } from './pictures/StaffComingPicture';

/**
 * "Call staff": online, the call went to the staff tablets and the dialog says so, then
 * who is coming once someone accepts; offline (nothing could be sent), where the service
 * desk is. When no signed-in staff member can hear the kiosk (`listening` false), it says
 * so honestly and points to the desk: the call still waits on the tablets for whoever
 * signs in.
 */
export function HelpDialog() {
  const { session, dispatch, t, listening } = useKiosk();
  const help = session.help;
  const state = help?.helper ? 'coming' : help && listening === false ? 'nobody' : help ? 'called' : 'desk';
  const text = { coming: () => t.helpComing(help!.helper!), nobody: () => t.helpNobody, called: () => t.helpCalled, desk: () => t.staffLead }[state]();
  return (
    <Dialog title={t.staffTitle} testId="help">
      <div className="dialog-body">
        <p className="lead" data-testid="help-text" data-state={state} role="status">{text}</p>
        {(state === 'coming' || state === 'called') && <StaffComingPicture />}
      </div>
      <div className="dialog-actions">
        <Button variant="primary" testId="help-close" onClick={() => dispatch({ type: 'help', open: false })}>{t.goBack}</Button>
      </div>
    </Dialog>
  );
}
