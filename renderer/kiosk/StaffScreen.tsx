import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import type { Screen } from './session';

/** Where a person takes over: after repeated failures, for payment, or on request. */
export function StaffScreen({ screen }: { screen: Extract<Screen, { name: 'staff' }> }) {
  const { dispatch, t } = useKiosk();
  return (
    <div className="screen screen-staff">
      <Heading>{t.staffTitle}</Heading>
      {screen.reason === 'too-many' && <p className="lead">{t.staffTooMany}</p>}
      {screen.reason === 'unpaid' && <p className="lead">{t.orderUnpaidNote}</p>}
      <p className="lead">{t.staffLead}</p>
      <div className="nav">
        <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>
      </div>
    </div>
  );
}
