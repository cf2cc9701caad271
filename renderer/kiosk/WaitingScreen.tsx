import { useEffect, useState } from 'react';
import { formatMoney } from '../../shared/domain/money';
import { formatOrderCode } from '../../shared/domain/order-code';
import { useServices } from '../app/services';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import { OrderLines } from './OrderLines';
import type { Screen } from './session';

/** After this long without the goods, the screen says what else the customer can do. */
const WAIT_LONG_MS = 5 * 60_000;

/**
 * The pickup counter at the kiosk: the tablets hear that this customer waits here for
 * this order (pickup.waiting, once, as the screen opens); staff bring the goods and, for
 * an unpaid order, take the payment. What the events say moves the screen on
 * (session.ts, `pickup`): both done, the summary. Leaving ends the wait for the tablets
 * (KioskApp sends pickup.left when the visit ends).
 */
export function WaitingScreen({ screen }: { screen: Extract<Screen, { name: 'waiting' }> }) {
  const { dispatch, session, t } = useKiosk();
  const services = useServices();
  const { order, brought } = screen;
  const lang = session.prefs.lang;

  useEffect(() => {
    void services.changes.run([], (change) => change.enqueue('pickup.waiting', { orderCode: order.code })).catch((error: unknown) => {
      // Nothing reached the tablets: the service desk, as when the kiosk is offline.
      console.error('pickup.waiting could not be queued', error);
      dispatch({ type: 'go', screen: { name: 'staff', reason: order.paid ? 'problem' : 'unpaid' } });
    });
  }, [order.code]);
  // Nobody has come for a long while (every tablet signed out, a busy Saturday): the
  // customer is told what else they can do, and may go on waiting.
  const [long, setLong] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLong(true), WAIT_LONG_MS);
    return () => clearTimeout(timer);
  }, [order.code]);
  useEffect(() => services.sync.subscribe((status) => {
    if (status.online === false) dispatch({ type: 'pickup', orderCode: order.code, what: 'offline' });
  }), [order.code]);

  return (
    <div className="screen screen-waiting" data-testid="waiting" data-brought={String(brought)} data-paid={String(order.paid)}>
      <Heading>{brought ? t.waitingBroughtTitle : t.waitingTitle}</Heading>
      {!brought && <p className="lead">{t.waitingLead}</p>}
      {!order.paid && <p className="lead" data-testid="waiting-to-pay">{t.waitingToPay(formatMoney(order.totalKopecks, lang))}</p>}
      {long && !brought && <p className="note" role="status" data-testid="waiting-long">{t.waitingLong}</p>}
      <p className="note">{`${t.orderTitle} ${formatOrderCode(order.code)}`}</p>
      <OrderLines order={order} />
      <div className="nav">
        <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
      </div>
    </div>
  );
}
