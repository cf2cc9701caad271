import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import type { Screen } from './session';

/**
 * Where a person takes over: after repeated failures or a problem, the service desk; an
 * unpaid order while the kiosk is offline, the desk takes the payment. Or it is over:
 * staff handed the order over on their tablet, and give the customer the receipt.
 */
export function StaffScreen({ screen }: { screen: Extract<Screen, { name: 'staff' }> }) {
  const { dispatch, t } = useKiosk();
  const handedOver = screen.reason === 'handed-over';
  return (
    <div className="screen screen-staff">
      <Heading>{handedOver ? t.handedOverTitle : t.staffTitle}</Heading>
      {screen.reason === 'too-many' && <p className="lead">{t.staffTooMany}</p>}
      {screen.reason === 'unpaid' && <p className="lead">{t.orderUnpaidNote}</p>}
      <p className="lead" data-testid="staff-lead">{handedOver ? t.handedOver : t.staffLead}</p>
      <div className="nav">
        <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>
      </div>
    </div>
  );
}
