import { Button } from '../ui/Button';
import { ScreenFrame } from '../ui/ScreenFrame';
import { DeskCode } from './DeskCode';
import { useKiosk } from './kiosk-context';
import { StaffComingPicture } from './pictures/StaffComingPicture';
import type { Screen } from './session';

/**
 * Where a person takes over: after repeated failures a staff member is called here (the
 * kiosk sent the call with the step); after a problem, or with nobody to hear the call,
 * the service desk (with the order's code in large type when there is an order). Or it is
 * over: staff handed the order over on their tablet, and give the customer the receipt.
 */
export function StaffScreen({ screen }: { screen: Extract<Screen, { name: 'staff' }> }) {
  const { dispatch, t, session, listening } = useKiosk();
  const handedOver = screen.reason === 'handed-over';
  // A call went to the tablets (out of tries): who is coming, or that someone will; the desk
  // only when nobody can hear it or nothing could be sent.
  const help = session.help;
  const lead = handedOver ? t.handedOver : help?.helper ? t.helpComing(help.helper) : help && listening !== false ? t.helpCalled : t.staffLead;
  return (
    <ScreenFrame
      name="staff" title={handedOver ? t.handedOverTitle : t.staffTitle}
      picture={screen.orderCode && !handedOver ? <div className="desk-notice"><DeskCode orderCode={screen.orderCode} /></div> : <StaffComingPicture />}
      main={<Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>}
    >
      {screen.reason === 'too-many' && <p className="lead">{t.staffTooMany}</p>}
      <p className="lead" data-testid="staff-lead" data-help={help ? (help.helper ? 'coming' : 'called') : 'none'}>{lead}</p>
    </ScreenFrame>
  );
}
