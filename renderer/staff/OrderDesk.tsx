import { useEffect, useState } from 'react';
import { formatMoney } from '../../shared/domain/money';
import { formatOrderCode } from '../../shared/domain/order-code';
import { messages } from '../../shared/i18n';
import type { Order } from '../../shared/protocol/catalogue';
import type { TabletSession } from './use-staff-session';
import { useServices } from '../app/services';
import { itemNames } from '../db/item-names';
import { handOver, type HandOverOutcome } from '../flows/hand-over';
import { printProblemText } from '../kiosk/print-problem';
import type { LiveEvents } from '../sync/live-events';
import { findForDesk, type DeskFound } from './find-orders';
import { PaymentForm } from './PaymentForm';
import { useStaffText } from './staff-lang';

/**
 * Staff hand a pickup order over at the tablet: find it (code, or last-name initial and
 * the phone's last 4 digits), take the payment if it is unpaid, check the customer's ID,
 * hand it over. The handover is the kiosk's own flow (flows/hand-over.ts) with
 * `verifiedBy: "staff"` and this staff session: the tablet's receipt number, the order
 * picked up and queued in one unit of work, then the receipt and warranty slips print on
 * the tablet's printer (Electron) or through the browser's print dialog.
 * `open` is an order to open straight away: the one a customer who called for help had
 * already found at the kiosk.
 */
export function OrderDesk({ session, live, open }: { session: TabletSession; live: LiveEvents; open: { code: string; at: number } | null }) {
  const { t } = useStaffText();
  const services = useServices();
  const [code, setCode] = useState('');
  const [initial, setInitial] = useState('');
  const [last4, setLast4] = useState('');
  const [found, setFound] = useState<DeskFound | null>(null);
  const [order, setOrder] = useState<Order | null>(null);

  async function search(query = { code, initial, last4 }) {
    const result = await findForDesk(services, query);
    setFound(result);
    setOrder(result.ok && result.orders.length === 1 ? result.orders[0]! : null);
  }
  useEffect(() => {
    if (!open) return;
    setCode(open.code);
    void search({ code: open.code, initial: '', last4: '' });
    document.getElementById('desk-title')?.scrollIntoView({ block: 'start' });
  }, [open]);

  function clear() {
    setFound(null);
    setOrder(null);
    setCode('');
    setInitial('');
    setLast4('');
  }

  return (
    <section className="tablet-panel" aria-labelledby="desk-title" data-testid="order-desk">
      <h1 id="desk-title" className="tablet-title">{t.deskTitle}</h1>
      {order
        ? <DeskOrder key={order.code} order={order} session={session} live={live} onClose={clear} />
        : (
          <>
            <p>{t.deskLead}</p>
            <form className="tablet-form" onSubmit={(e) => { e.preventDefault(); void search(); }}>
              <label htmlFor="desk-code">{t.deskCode}</label>
              <input id="desk-code" className="tablet-field" inputMode="numeric" autoComplete="off" value={code} data-testid="desk-code"
                onChange={(e) => setCode(e.target.value.replace(/[^\d ]/g, '').slice(0, 10))} />
              <label htmlFor="desk-initial">{t.deskInitial}</label>
              <input id="desk-initial" className="tablet-field" autoComplete="off" value={initial} data-testid="desk-initial"
                onChange={(e) => setInitial(e.target.value.replace(/[^\p{L}]/gu, '').slice(0, 1))} />
              <label htmlFor="desk-last4">{t.deskLast4}</label>
              <input id="desk-last4" className="tablet-field" inputMode="numeric" autoComplete="off" value={last4} data-testid="desk-last4"
                onChange={(e) => setLast4(e.target.value.replace(/\D/g, '').slice(0, 4))} />
              <button type="submit" className="tablet-button tablet-primary" data-testid="desk-find">{t.deskFind}</button>
            </form>
            <p className="tablet-note" role="status" data-testid="desk-note">{found && !found.ok ? t.deskNotFound(found.code) : ''}</p>
            {found?.ok && found.orders.length > 1 && (
              <ul className="tablet-list" aria-label={t.deskMany(found.orders.length)}>
                {found.orders.map((o) => (
                  <li key={o.code} className="tablet-call">
                    <button type="button" className="tablet-button" data-testid="desk-pick" data-order={o.code} onClick={() => setOrder(o)}>
                      {t.deskOrder(formatOrderCode(o.code), o.customerShortName, o.phoneMasked)}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
    </section>
  );
}

/** One order at the desk: its goods, the payment if due, the ID check, the handover and its receipt. */
function DeskOrder({ order, session, live, onClose }: { order: Order; session: TabletSession; live: LiveEvents; onClose: () => void }) {
  const { t, lang } = useStaffText();
  const services = useServices();
  const [paid, setPaid] = useState(order.paid);
  const [paying, setPaying] = useState<'cash' | 'card' | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<HandOverOutcome | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => { void itemNames(services.db, order.items, lang).then(setNames); }, [order, lang]);
  // Paid here, on another tablet or at the pickup counter: the server tells every tablet.
  useEffect(() => live.subscribe((event) => {
    if (event.name === 'order.paid' && event.data['orderCode'] === order.code) setPaid(true);
  }), [live, order.code]);

  async function handOverHere() {
    if (busy) return;
    setBusy(true);
    setOutcome(await handOver(services, { code: order.code, verifiedBy: 'staff', staffSessionId: session.sessionId, lang }));
    setBusy(false);
  }

  if (outcome?.ok) {
    return (
      <div data-testid="desk-done" data-receipt={outcome.receipt.number}>
        <p className="tablet-big">{t.deskDone(outcome.receipt.number)}</p>
        {outcome.printProblem && <p className="tablet-note" role="alert" data-testid="desk-print-problem">{printProblemText(messages(lang), outcome.printProblem)}</p>}
        <button type="button" className="tablet-button tablet-primary" data-testid="desk-close" onClick={onClose}>{t.deskNext}</button>
      </div>
    );
  }
  return (
    <div data-testid="desk-order" data-order={order.code}>
      <p className="tablet-big">{t.deskOrder(formatOrderCode(order.code), order.customerShortName, order.phoneMasked)}</p>
      {order.shelf && <p>{t.deskShelf(order.shelf)}</p>}
      <ul className="tablet-lines">
        {order.items.map((item) => <li key={item.sku}>{t.deskLine(names.get(item.sku) ?? item.name, item.quantity)}</li>)}
      </ul>
      <p data-testid="desk-paid">{paid ? t.paidMark : t.toPay(formatMoney(order.totalKopecks, lang))}</p>
      {!paid && (paying
        ? <PaymentForm orderCode={order.code} totalKopecks={order.totalKopecks} method={paying} session={session} onDone={() => { setPaying(null); setPaid(true); }} onBack={() => setPaying(null)} />
        : (
          <div className="tablet-row">
            <button type="button" className="tablet-button" data-testid="pay-cash" onClick={() => setPaying('cash')}>{t.payCash}</button>
            <button type="button" className="tablet-button" data-testid="pay-card" onClick={() => setPaying('card')}>{t.payCard}</button>
          </div>
        ))}
      <label className="tablet-check">
        <input type="checkbox" checked={checked} data-testid="desk-id-checked" onChange={(e) => setChecked(e.target.checked)} />
        {t.deskIdCheck(order.customerShortName)}
      </label>
      {outcome && !outcome.ok && <p className="tablet-note" role="alert" data-testid="desk-failed">{t.deskFailed(outcome.code)}</p>}
      <div className="tablet-row">
        <button type="button" className="tablet-button" data-testid="desk-cancel" onClick={onClose}>{t.deskBack}</button>
        <button type="button" className="tablet-button tablet-primary" data-testid="desk-hand-over" disabled={!paid || !checked || busy}
          onClick={() => void handOverHere()}>{paid ? t.deskHandOver : t.deskPayFirst}</button>
      </div>
    </div>
  );
}
