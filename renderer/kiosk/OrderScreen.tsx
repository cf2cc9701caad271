import { formatOrderCode } from '../../shared/domain/order-code';
import { Button } from '../ui/Button';
import { ScreenFrame } from '../ui/ScreenFrame';
import { useKiosk } from './kiosk-context';
import { OrderLines } from './OrderLines';
import type { Screen } from './session';
import { PICKUP_STEPS } from './steps';

/** The order in large type, with the customer shown only masked ("Иван П.", "+7 ••• •••-••-67"); "это мой заказ" calls staff to bring it. */
export function OrderScreen({ screen }: { screen: Extract<Screen, { name: 'order' }> }) {
  const { dispatch, t } = useKiosk();
  const { order } = screen;
  // Staff bring the goods here (the pickup counter), online or not: offline, the waiting
  // screen also sends the customer to the desk with the order's code, and never on to
  // confirm goods nobody brought.
  const next: Screen = { name: 'waiting', order, verifiedBy: screen.verifiedBy, brought: false, desk: null };
  return (
    <ScreenFrame
      name="order" title={`${t.orderTitle} ${formatOrderCode(order.code)}`} step={t.step(2, PICKUP_STEPS)}
      back={<Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>}
      main={<Button variant="primary" testId="order-next" onClick={() => dispatch({ type: 'go', screen: next })}>{t.orderIsMine}</Button>}
      list={<OrderLines order={order} />}
    >
      <dl className="who">
        <dt>{t.orderFor}</dt>
        <dd data-testid="customer">{order.customerShortName}</dd>
        <dt>{t.orderPhone}</dt>
        <dd data-testid="phone">{order.phoneMasked}</dd>
      </dl>
      {!order.paid && <p className="note">{t.orderUnpaidNote}</p>}
    </ScreenFrame>
  );
}
