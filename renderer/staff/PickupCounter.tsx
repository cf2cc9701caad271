import { useEffect, useState } from 'react';
import { formatMoney } from '../../shared/domain/money';
import { formatOrderCode } from '../../shared/domain/order-code';
import type { StaffSession } from '../../shared/protocol/staff';
import { useServices } from '../app/services';
import type { LiveEvents } from '../sync/live-events';
import { PaymentForm } from './PaymentForm';
import { useStaffText } from './staff-lang';

type Pickup = { orderCode: string; shelf: string | null; kiosk: string; place: string | null; paid: boolean; totalKopecks: number; broughtBy: string | null };

/**
 * The pickup counter on the tablet: customers waiting at kiosks for their orders, with
 * the shelf to take them from. An unpaid order is paid here (cash with the change shown
 * large, or the standalone terminal's reference: okno does not talk to terminals), then
 * «Принесено» tells the kiosk the goods are there. «Убрать из списка» ends a wait nobody
 * else will (a kiosk switched off mid-visit). All go through the outbox.
 */
export function PickupCounter({ session, live, onWaiting }: { session: StaffSession; live: LiveEvents; onWaiting: (notBrought: number) => void }) {
  const { t, lang } = useStaffText();
  const { changes } = useServices();
  const [pickups, setPickups] = useState<Map<string, Pickup>>(new Map());
  const [paying, setPaying] = useState<{ code: string; method: 'cash' | 'card' } | null>(null);
  useEffect(() => {
    const off = live.subscribe((event) => setPickups((before) => {
      const next = new Map(before);
      const code = String(event.data['orderCode']);
      const known = next.get(code);
      if (event.name === 'pickup.waiting') {
        next.set(code, { orderCode: code, shelf: (event.data['shelf'] as string | null) ?? null, kiosk: String(event.data['kiosk']), place: (event.data['place'] as string | null | undefined) ?? null, paid: Boolean(event.data['paid']), totalKopecks: Number(event.data['totalKopecks']), broughtBy: null });
      } else if (known && event.name === 'order.paid') {
        next.set(code, { ...known, paid: true });
      } else if (known && event.name === 'pickup.brought') {
        next.set(code, { ...known, broughtBy: String(event.data['by'] ?? '') });
      } else if (event.name === 'pickup.closed') {
        // handed over (here, at the kiosk or on a tablet), or the customer left the kiosk
        next.delete(code);
      }
      return next;
    }));
    return off;
  }, [live]);

  useEffect(() => { onWaiting([...pickups.values()].filter((p) => p.broughtBy === null).length); }, [pickups]);

  const list = [...pickups.values()];
  return (
    <section className="tablet-panel" aria-labelledby="pickups-title" data-testid="pickup-counter">
      <h1 id="pickups-title" className="tablet-title">{t.pickupsTitle}</h1>
      {list.length === 0 ? <p>{t.pickupsEmpty}</p> : (
        <ul className="tablet-list">
          {list.map((p) => (
            <li key={p.orderCode} className="tablet-call" data-testid="pickup" data-order={p.orderCode}>
              <p className="tablet-big">{t.pickupItem(formatOrderCode(p.orderCode), p.shelf, p.kiosk, p.place)}</p>
              <p data-testid="pickup-paid">{p.paid ? t.paidMark : t.toPay(formatMoney(p.totalKopecks, lang))}</p>
              {paying?.code === p.orderCode
                ? <PaymentForm orderCode={p.orderCode} totalKopecks={p.totalKopecks} method={paying.method} onDone={() => setPaying(null)} session={session} />
                : (
                  <div className="tablet-row">
                    {!p.paid && <button type="button" className="tablet-button" data-testid="pay-cash" onClick={() => setPaying({ code: p.orderCode, method: 'cash' })}>{t.payCash}</button>}
                    {!p.paid && <button type="button" className="tablet-button" data-testid="pay-card" onClick={() => setPaying({ code: p.orderCode, method: 'card' })}>{t.payCard}</button>}
                    <button type="button" className="tablet-button" data-testid="pickup-dismiss"
                      onClick={() => void changes.run([], (c) => c.enqueue('pickup.left', { orderCode: p.orderCode, staffSessionId: session.sessionId }))}>{t.pickupDismiss}</button>
                    {p.broughtBy
                      ? <p data-testid="brought-by">{t.broughtMark(p.broughtBy)}</p>
                      : <button type="button" className="tablet-button tablet-primary" data-testid="brought"
                        onClick={() => void changes.run([], (c) => c.enqueue('pickup.brought', { orderCode: p.orderCode, staffSessionId: session.sessionId }))}>{t.brought}</button>}
                  </div>
                )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
