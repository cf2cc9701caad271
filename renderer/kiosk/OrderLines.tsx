import { useEffect, useState } from 'react';
import { formatMoney, multiplyKopecks } from '../../shared/domain/money';
import type { Order } from '../../shared/protocol';
import { useServices } from '../app/services';
import { itemNames } from '../db/item-names';
import { useKiosk } from './kiosk-context';

/** The order's goods in large type: name, quantity and sum on each line, then the total. */
export function OrderLines({ order }: { order: Order }) {
  const { session, t } = useKiosk();
  const lang = session.prefs.lang;
  const { db } = useServices();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => { void itemNames(db, order.items, lang).then(setNames); }, [db, order, lang]);
  return (
    <div className="order-lines">
      <ul className="items">
        {order.items.map((item) => (
          <li key={item.sku} className="item">
            <span className="item-name">{names.get(item.sku) ?? item.name}</span>
            <span className="item-qty">{item.quantity} × {formatMoney(item.priceKopecks, lang)}</span>
            <span className="item-sum">{formatMoney(multiplyKopecks(item.priceKopecks, item.quantity), lang)}</span>
          </li>
        ))}
      </ul>
      <p className="total">
        <span>{t.orderTotal}</span>
        <span className="money" data-testid="total">{formatMoney(order.totalKopecks, lang)}</span>
      </p>
      <p className={order.paid ? 'paid' : 'to-pay'} data-testid="paid">
        {order.paid ? t.orderPaid : `${t.orderToPay}: ${formatMoney(order.totalKopecks, lang)}`}
      </p>
    </div>
  );
}
