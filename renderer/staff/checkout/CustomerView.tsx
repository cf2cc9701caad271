import { useEffect } from 'react';
import { formatMoney } from '../../../shared/domain/money';
import { useServices } from '../../app/services';
import { useStaffText } from '../staff-lang';
import { cartTotal, lineTotal, type Cart } from './cart';

/**
 * The cart as the customer sees it on the tablet turned to them: the kiosk's AAA rules
 * (text ≥ 28 px, targets ≥ 20 mm, spoken). Only the customer's «Всё верно» goes on to the
 * payment; «Отмена» goes back to the cart. Nothing is paid or printed before.
 */
export function CustomerView({ cart, onConfirm, onCancel }: { cart: Cart; onConfirm: () => void; onCancel: () => void }) {
  const { t, lang } = useStaffText();
  const { host } = useServices();
  const items = cart.lines.reduce((n, l) => n + l.qty, 0);
  useEffect(() => {
    host.speech.speak(t.customerSpeech(items), lang);
    return () => host.speech.stop();
  }, []);
  return (
    <div className="customer-view" role="dialog" aria-modal="true" aria-labelledby="customer-title" data-testid="customer-view">
      <h1 id="customer-title" className="customer-title">{t.customerTitle}</h1>
      <p className="customer-lead">{t.customerLead}</p>
      <ul className="customer-lines">
        {cart.lines.map((l) => (
          <li key={l.sku}>
            <span>{l.name}</span>
            <span>{t.saleLine(l.qty, formatMoney(l.priceKopecks, lang), formatMoney(lineTotal(l), lang))}</span>
          </li>
        ))}
      </ul>
      <p className="customer-total"><span>{t.customerTotal}</span> <span data-testid="customer-total">{formatMoney(cartTotal(cart), lang)}</span></p>
      <div className="customer-nav">
        <button type="button" className="customer-button" data-testid="customer-cancel" onClick={onCancel}>{t.customerCancel}</button>
        <button type="button" className="customer-button customer-ok" data-testid="customer-ok" onClick={onConfirm}>{t.customerOk}</button>
      </div>
    </div>
  );
}
