import { useEffect, useState } from 'react';
import { formatMoney } from '../../shared/domain/money';
import { formatOrderCode } from '../../shared/domain/order-code';
import { useServices } from '../app/services';
import { Button } from '../ui/Button';
import { ScreenFrame } from '../ui/ScreenFrame';
import { DeskCode } from './DeskCode';
import { Dialog } from './Dialog';
import { useKiosk } from './kiosk-context';
import { useStaffListening } from './use-staff-listening';
import { PaidBadge } from './OrderLines';
import type { Screen } from './session';
import { StaffComingPicture } from './pictures/StaffComingPicture';
import { PICKUP_STEPS } from './steps';

/** After this long without the goods, the screen says what else the customer can do. */
const WAIT_LONG_MS = 5 * 60_000;

/**
 * The pickup counter at the kiosk: the tablets hear that this customer waits here for
 * this order (pickup.waiting, once, as the screen opens; queued, so it reaches them when
 * the kiosk is back if it is offline now); staff bring the goods and, for an unpaid order,
 * take the payment. What the events say moves the screen on (session.ts, `pickup`): both
 * done, the summary. When the tablets cannot be reached, or staff took the wait off their
 * list, the customer is also sent to the desk with the order's code in large type, and
 * may go on waiting here. Leaving ends the wait for the tablets (KioskApp sends
 * pickup.left when the visit ends).
 */
export function WaitingScreen({ screen }: { screen: Extract<Screen, { name: 'waiting' }> }) {
  const { dispatch, session, t } = useKiosk();
  const services = useServices();
  const { order, brought, desk } = screen;
  const lang = session.prefs.lang;

  useEffect(() => {
    void services.changes.run([], (change) => change.enqueue('pickup.waiting', { orderCode: order.code })).catch((error: unknown) => {
      // Nothing can reach the tablets: the service desk, with the order's code.
      console.error('pickup.waiting could not be queued', error);
      dispatch({ type: 'go', screen: { name: 'staff', reason: 'problem', orderCode: order.code } });
    });
  }, [order.code]);
  // Nobody has come for a long while (every tablet signed out, a busy Saturday): the
  // customer is told what else they can do, and may go on waiting.
  const [long, setLong] = useState(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLong(true), WAIT_LONG_MS);
    return () => clearTimeout(timer);
  }, [order.code]);
  useEffect(() => {
    const follow = (online: boolean | null) => {
      if (online !== null) dispatch({ type: 'pickup', orderCode: order.code, what: online ? 'online' : 'offline' });
    };
    follow(services.sync.getStatus().online);
    return services.sync.subscribe((status) => follow(status.online));
  }, [order.code]);

  // Nobody signed in can hear the kiosk (every tablet signed out or switched off): the
  // customer is told so and sent to the desk at once, not left waiting for no one.
  const listening = useStaffListening(!brought);
  useEffect(() => {
    if (listening !== null) dispatch({ type: 'pickup', orderCode: order.code, what: listening ? 'heard' : 'nobody' });
  }, [listening, order.code]);

  return (
    <div className="screen-part-host" data-testid="waiting" data-brought={String(brought)} data-paid={String(order.paid)} data-desk={desk ?? ''}>
      {/* Behind the question, the screen is out of reach (and out of the accessibility tree), as behind the help dialog. */}
      <div className="screen-part" inert={asking}>
        <ScreenFrame
          name="waiting" title={brought ? t.waitingBroughtTitle : desk ? t.waitingDeskTitle : t.waitingTitle} step={t.step(3, PICKUP_STEPS)}
          // The picture is decoration: it gives way when there is more to say (the desk, a payment, a long wait).
          picture={desk ? <div className="desk-notice"><DeskCode orderCode={order.code} /></div> : long || !order.paid ? undefined : <StaffComingPicture />}
          back={<Button testId="cancel" onClick={() => setAsking(true)}>{t.cancel}</Button>}
        >
          {/* The code for the desk stands where the picture would: large, framed, read off the screen. */}
          {desk && <p className="lead" role="status" data-testid="waiting-desk">{t.waitingDesk(desk)}</p>}
          {/* After a long while the words change to what else the customer can do: one message, not two. */}
          {!brought && !desk && (long
            ? <p className="lead" role="status" data-testid="waiting-long">{t.waitingLong}</p>
            : <p className="lead">{t.waitingLead}</p>)}
          {!order.paid && <p className="lead" data-testid="waiting-to-pay">{t.waitingToPay}</p>}
          {/* The order in one line (the goods were on the screen before): waiting is about who comes, not what. Sent to the desk, the code is what matters. */}
          {!desk && (
            <p className="lead order-summary" data-testid="waiting-order">
              <span>{t.waitingOrder(formatOrderCode(order.code), order.items.reduce((n, i) => n + i.quantity, 0), formatMoney(order.totalKopecks, lang))}</span>
              <PaidBadge paid={order.paid} />
            </p>
          )}
        </ScreenFrame>
      </div>
      {asking && (
        // Leaving asks first: staff may be on their way with the goods.
        <Dialog title={t.waitingCancelTitle} testId="cancel-ask">
          <p className="lead">{t.waitingCancelLead}</p>
          <div className="dialog-actions">
            <Button testId="cancel-yes" onClick={() => dispatch({ type: 'wipe' })}>{t.waitingCancelYes}</Button>
            <Button variant="primary" testId="cancel-no" onClick={() => setAsking(false)}>{t.waitingCancelNo}</Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
