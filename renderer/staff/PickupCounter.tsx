import { useEffect, useMemo, useState } from 'react';
import { formatMoney } from '../../shared/domain/money';
import { formatOrderCode } from '../../shared/domain/order-code';
import type { TabletSession } from './use-staff-session';
import { useServices } from '../app/services';
import { itemNames } from '../db/item-names';
import type { LiveEvents } from '../sync/live-events';
import { PaymentForm } from './PaymentForm';
import { useStaffText } from './staff-lang';
import { useRingForNew, type Waiting } from './waiting';

type Pickup = {
  orderCode: string; shelf: string | null; kiosk: string; place: string | null; paid: boolean; totalKopecks: number; broughtBy: string | null;
  /** when the customer began to wait (server time) */
  since: number;
};
/** What to bring, from the tablet's own copy of the order (pulled; it works offline too): never sent with the event. */
type Goods = { who: string; lines: string };

/**
 * The pickup counter on the tablet: customers waiting at kiosks for their orders, with
 * what to bring (the goods and quantities, from the shelf), for whom (the masked name the
 * kiosk showed), to which kiosk, and how long they have waited. An unpaid order is paid
 * here (cash with the change shown large, or the standalone terminal's reference: okno
 * does not talk to terminals), then «Принесено» tells the kiosk the goods are there.
 * «Убрать из списка» asks first, then ends the wait (a kiosk switched off mid-visit, or
 * goods that cannot be brought): the kiosk hears it and sends its customer to the desk.
 * All go through the outbox. A new customer nobody brings goods to rings, like a call.
 */
export function PickupCounter({ session, live, onWaiting }: { session: TabletSession; live: LiveEvents; onWaiting: (notBrought: Waiting[]) => void }) {
  const { t, lang } = useStaffText();
  const { changes, clock, db } = useServices();
  const [pickups, setPickups] = useState<Map<string, Pickup>>(new Map());
  const [goods, setGoods] = useState<Map<string, Goods>>(new Map());
  const [paying, setPaying] = useState<{ code: string; method: 'cash' | 'card' } | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [now, setNow] = useState(clock.nowMs());
  useEffect(() => {
    const off = live.subscribe((event) => setPickups((before) => {
      const next = new Map(before);
      const code = String(event.data['orderCode']);
      const known = next.get(code);
      if (event.name === 'pickup.waiting') {
        const since = Date.parse(String(event.data['since'] ?? event.data['at']));
        next.set(code, {
          orderCode: code, shelf: (event.data['shelf'] as string | null) ?? null, kiosk: String(event.data['kiosk']), place: (event.data['place'] as string | null | undefined) ?? null,
          paid: Boolean(event.data['paid']), totalKopecks: Number(event.data['totalKopecks']), broughtBy: null, since: Number.isNaN(since) ? clock.nowMs() : since,
        });
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
    const timer = setInterval(() => setNow(clock.nowMs()), 15_000);
    return () => { off(); clearInterval(timer); };
  }, [live]);

  // What to bring, read from the tablet's copy of each order as it appears.
  useEffect(() => {
    const missing = [...pickups.keys()].filter((code) => !goods.has(code));
    if (missing.length === 0) return;
    void (async () => {
      const found = new Map<string, Goods>();
      for (const order of await db.orders.bulkGet(missing)) {
        if (!order) continue;
        const names = await itemNames(db, order.items, lang);
        found.set(order.code, { who: order.customerShortName, lines: order.items.map((i) => `${names.get(i.sku) ?? i.name}\u00a0×\u00a0${i.quantity}`).join('; ') });
      }
      if (found.size > 0) setGoods((before) => new Map([...before, ...found]));
    })();
  }, [pickups, lang]);

  const notBrought = useMemo(() => [...pickups.values()].filter((p) => p.broughtBy === null)
    .map((p): Waiting => ({ id: `pickup:${p.orderCode}:${p.since}`, kind: 'pickup', kiosk: p.kiosk, place: p.place, since: p.since })), [pickups]);
  useEffect(() => onWaiting(notBrought), [notBrought]);
  useRingForNew(notBrought);

  const dismiss = (orderCode: string) => {
    setAsking(null);
    void changes.run([], (c) => c.enqueue('pickup.left', { orderCode, staffSessionId: session.sessionId }));
  };
  const list = [...pickups.values()].sort((a, b) => a.since - b.since);
  return (
    <section className="tablet-panel" aria-labelledby="pickups-title" data-testid="pickup-counter">
      <h1 id="pickups-title" className="tablet-title">{t.pickupsTitle}</h1>
      {list.length === 0 ? <p>{t.pickupsEmpty}</p> : (
        <ul className="tablet-list">
          {list.map((p) => {
            const what = goods.get(p.orderCode);
            return (
              <li key={p.orderCode} className="tablet-call" data-testid="pickup" data-order={p.orderCode}>
                <p className="tablet-big">{t.pickupItem(formatOrderCode(p.orderCode), p.shelf, p.kiosk, p.place)}</p>
                <p data-testid="pickup-who">{t.pickupWho(what?.who ?? '', Math.max(0, Math.floor((now - p.since) / 60_000)))}</p>
                {what && <p className="tablet-goods" data-testid="pickup-goods">{t.pickupGoods(what.lines)}</p>}
                <p data-testid="pickup-paid">{p.paid ? t.paidMark : t.toPay(formatMoney(p.totalKopecks, lang))}</p>
                {paying?.code === p.orderCode
                  ? <PaymentForm orderCode={p.orderCode} totalKopecks={p.totalKopecks} method={paying.method} onDone={() => setPaying(null)} onBack={() => setPaying(null)} session={session} />
                  : asking === p.orderCode
                    ? (
                      <div className="tablet-row" role="alertdialog" aria-labelledby={`dismiss-${p.orderCode}`} data-testid="pickup-dismiss-ask">
                        <p id={`dismiss-${p.orderCode}`}>{t.pickupDismissAsk}</p>
                        <button type="button" className="tablet-button" data-testid="pickup-dismiss-no" onClick={() => setAsking(null)}>{t.pickupDismissNo}</button>
                        <button type="button" className="tablet-button" data-testid="pickup-dismiss-yes" onClick={() => dismiss(p.orderCode)}>{t.pickupDismissYes}</button>
                      </div>
                    )
                    : (
                      <div className="tablet-row">
                        {!p.paid && <button type="button" className="tablet-button" data-testid="pay-cash" onClick={() => setPaying({ code: p.orderCode, method: 'cash' })}>{t.payCash}</button>}
                        {!p.paid && <button type="button" className="tablet-button" data-testid="pay-card" onClick={() => setPaying({ code: p.orderCode, method: 'card' })}>{t.payCard}</button>}
                        <button type="button" className="tablet-button" data-testid="pickup-dismiss" onClick={() => setAsking(p.orderCode)}>{t.pickupDismiss}</button>
                        {p.broughtBy
                          ? <p data-testid="brought-by">{t.broughtMark(p.broughtBy)}</p>
                          : <button type="button" className="tablet-button tablet-primary" data-testid="brought"
                            onClick={() => void changes.run([], (c) => c.enqueue('pickup.brought', { orderCode: p.orderCode, staffSessionId: session.sessionId }))}>{t.brought}</button>}
                      </div>
                    )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
