import { useEffect, useState } from 'react';
import { useServices } from '../app/services';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import type { Screen } from './session';

/**
 * Where a person takes over: after repeated failures, on request, or to take the payment
 * of an unpaid order. For an unpaid order the tablets hear that the customer waits here
 * (pickup.waiting); once staff record the payment (order.paid), the handover goes on to
 * the summary by itself. Offline, nothing reaches a tablet: the service desk, as before.
 */
export function StaffScreen({ screen }: { screen: Extract<Screen, { name: 'staff' }> }) {
  const { dispatch, t } = useKiosk();
  const services = useServices();
  const [waiting, setWaiting] = useState(false);
  const unpaid = screen.reason === 'unpaid' ? screen : null;

  useEffect(() => {
    if (!unpaid || services.sync.getStatus().online === false) return;
    const { order, verifiedBy } = unpaid;
    const off = services.live.subscribe((event) => {
      if (event.name === 'order.paid' && event.data['orderCode'] === order.code) {
        dispatch({ type: 'go', screen: { name: 'summary', order: { ...order, paid: true }, verifiedBy } });
      }
    });
    void services.changes.run([], (change) => change.enqueue('pickup.waiting', { orderCode: order.code })).then(() => setWaiting(true), () => undefined);
    return off;
  }, [unpaid?.order.code]);

  return (
    <div className="screen screen-staff">
      <Heading>{t.staffTitle}</Heading>
      {screen.reason === 'too-many' && <p className="lead">{t.staffTooMany}</p>}
      {unpaid && <p className="lead" data-testid="staff-unpaid" data-waiting={String(waiting)}>{waiting ? t.payWaiting : t.orderUnpaidNote}</p>}
      {!waiting && <p className="lead">{t.staffLead}</p>}
      <div className="nav">
        <Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>
      </div>
    </div>
  );
}
