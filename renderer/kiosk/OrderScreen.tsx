import { formatOrderCode } from '../../shared/domain/order-code';
import { Button } from '../ui/Button';
import { Heading } from '../ui/Heading';
import { useKiosk } from './kiosk-context';
import { OrderLines } from './OrderLines';
import type { Screen } from './session';

/** The order in large type, with the customer shown only masked ("Иван П.", "+7 ••• •••-••-67"). */
export function OrderScreen({ screen }: { screen: Extract<Screen, { name: 'order' }> }) {
  const { dispatch, t } = useKiosk();
  const { order } = screen;
  return (
    <div className="screen screen-order">
      <Heading>{`${t.orderTitle} ${formatOrderCode(order.code)}`}</Heading>
      <dl className="who">
        <dt>{t.orderFor}</dt>
        <dd data-testid="customer">{order.customerShortName}</dd>
        <dt>{t.orderPhone}</dt>
        <dd data-testid="phone">{order.phoneMasked}</dd>
      </dl>
      <OrderLines order={order} />
      {!order.paid && <p className="note">{t.orderUnpaidNote}</p>}
      <div className="nav">
        <Button testId="cancel" onClick={() => dispatch({ type: 'wipe' })}>{t.cancel}</Button>
        {order.paid ? (
          <Button variant="primary" testId="order-next" onClick={() => dispatch({ type: 'go', screen: { ...screen, name: 'summary' } })}>
            {t.orderIsMine}
          </Button>
        ) : (
          <Button variant="primary" testId="order-staff" onClick={() => dispatch({ type: 'go', screen: { name: 'staff', reason: 'unpaid', order, verifiedBy: screen.verifiedBy } })}>
            {t.callStaff}
          </Button>
        )}
      </div>
    </div>
  );
}
