import { useState } from 'react';
import { useServices } from '../app/services';
import { Button } from '../ui/Button';
import { ScreenFrame } from '../ui/ScreenFrame';
import { useKiosk } from './kiosk-context';
import { ItemLines } from './OrderLines';
import { printProblemText } from './print-problem';
import type { Screen } from './session';

/** Carts this kiosk's customers confirmed (this page's life): their paper may print here. */
export const confirmedHere = new Set<string>();

/**
 * A staff member's cart, sent from their tablet, for the customer to confirm here in large
 * type: «Всё верно» or «Отмена» go back to the tablet (only this kiosk can answer it, once).
 * Nothing is paid or printed here; the staff member takes the payment.
 */
export function CartScreen({ screen }: { screen: Extract<Screen, { name: 'cart' }> }) {
  const { dispatch, t } = useKiosk();
  const services = useServices();
  const [busy, setBusy] = useState(false);

  async function answer(value: 'confirmed' | 'cancelled') {
    if (busy) return;
    setBusy(true);
    const token = (await services.identity.get())?.token;
    const sent = token ? await services.api.answerConfirmation(token, screen.confirmationId, value).then(() => true, () => false) : false;
    if (sent && value === 'confirmed') confirmedHere.add(screen.confirmationId);
    dispatch({ type: 'go', screen: { name: 'cart-answered', answer: sent ? value : 'failed', confirmationId: screen.confirmationId } });
  }

  return (
    <ScreenFrame
      name="cart" title={t.cartTitle}
      back={<Button testId="cart-cancel" onClick={() => void answer('cancelled')}>{t.cancel}</Button>}
      main={<Button variant="primary" testId="cart-ok" onClick={() => void answer('confirmed')}>{t.cartOk}</Button>}
      list={<ItemLines lines={screen.lines.map((line, i) => ({ key: String(i), name: line.name, qty: line.qty, priceKopecks: line.priceKopecks }))} totalKopecks={screen.totalKopecks} paid={null} testId="cart-total" />}
    >
      <p className="lead">{t.cartLead}</p>
    </ScreenFrame>
  );
}

/** What the customer's answer did: pay the staff member, or they will put it right. */
export function CartAnsweredScreen({ screen }: { screen: Extract<Screen, { name: 'cart-answered' }> }) {
  const { dispatch, t } = useKiosk();
  // Once the paper came out (or failed to), the sale is recorded and paid: no more «оплатите».
  const text = screen.printed ? t.cartSold : screen.answer === 'confirmed' ? t.cartThanks : screen.answer === 'cancelled' ? t.cartCancelled : t.cartFailed;
  return (
    <ScreenFrame
      name="cart-answered" title={screen.answer === 'confirmed' ? t.cartConfirmedTitle : t.cartTitle}
      main={<Button variant="primary" testId="finish" onClick={() => dispatch({ type: 'wipe' })}>{t.doneFinish}</Button>}
    >
      <p className="lead" data-testid="cart-answered" data-answer={screen.answer}>{text}</p>
      {screen.printed === 'ok' && <p className="lead" data-testid="cart-printed">{t.cartPrinted}</p>}
      {screen.printed && screen.printed !== 'ok' && <p className="note" role="alert" data-testid="cart-print-problem">{printProblemText(t, screen.printed)} {t.donePrintHelp}</p>}
    </ScreenFrame>
  );
}
