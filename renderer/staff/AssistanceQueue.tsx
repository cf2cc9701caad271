import { useEffect, useMemo, useState } from 'react';
import { formatOrderCode } from '../../shared/domain/order-code';
import { useStaffText } from './staff-lang';
import type { TabletSession } from './use-staff-session';
import { useServices } from '../app/services';
import type { LiveEvents } from '../sync/live-events';
import { useRingForNew, type Waiting } from './waiting';

type Call = {
  requestId: string; kiosk: string; place: string | null; requestedAt: number; step: string; orderCode: string | null; lang: string; largeText: boolean;
  takenBy: string | null;
};

/**
 * The calls for help from the branch's kiosks, oldest first, with how long each has
 * waited and what the customer already did. "Принять" queues assistance.accepted
 * through the outbox (the first staff member to accept wins on the server); every
 * tablet then shows who took it, from the events. A new call nobody has taken rings.
 */
export function AssistanceQueue({ session, live, onOpenOrder, onWaiting }: { session: TabletSession; live: LiveEvents; onOpenOrder: (code: string) => void; onWaiting: (untaken: Waiting[]) => void }) {
  const { t } = useStaffText();
  const { changes, clock } = useServices();
  const [calls, setCalls] = useState<Map<string, Call>>(new Map());
  // Waits are measured against the server's clock: the kiosks stamp the server's time too.
  const [now, setNow] = useState(clock.nowMs());
  useEffect(() => {
    const off = live.subscribe((event) => setCalls((before) => {
      const next = new Map(before);
      const id = String(event.data['requestId']);
      if (event.name === 'assistance.requested') {
        const context = (event.data['context'] ?? {}) as { step?: string; orderCode?: string; lang?: string; largeText?: boolean };
        next.set(id, {
          requestId: id, kiosk: String(event.data['kiosk']), place: (event.data['place'] as string | null | undefined) ?? null, requestedAt: Date.parse(String(event.data['requestedAt'])),
          step: context.step ?? '', orderCode: context.orderCode ?? null, lang: context.lang ?? 'ru', largeText: context.largeText ?? false, takenBy: null,
        });
      } else if (event.name === 'assistance.closed') {
        next.delete(id);
      } else if (event.name === 'assistance.accepted') {
        const call = next.get(id);
        if (call) next.set(id, { ...call, takenBy: String(event.data['by'] ?? '') });
      }
      return next;
    }));
    const timer = setInterval(() => setNow(clock.nowMs()), 15_000);
    return () => { off(); clearInterval(timer); };
  }, [live]);

  // The calls nobody took: counted on the tab and the lock screen, and rung.
  const untaken = useMemo(() => [...calls.values()].filter((c) => c.takenBy === null)
    .map((c): Waiting => ({ id: c.requestId, kind: 'call', kiosk: c.kiosk, place: c.place, since: c.requestedAt })), [calls]);
  useEffect(() => onWaiting(untaken), [untaken]);
  useRingForNew(untaken);

  // Whoever takes a call where the customer had already found their order goes to them
  // with that order open at the desk: nobody asks the customer to start again.
  async function accept(call: Call) {
    await changes.run([], (change) => change.enqueue('assistance.accepted', { requestId: call.requestId, staffSessionId: session.sessionId }));
    if (call.orderCode) onOpenOrder(call.orderCode);
  }
  async function resolve(requestId: string) {
    await changes.run([], (change) => change.enqueue('assistance.resolved', { requestId, staffSessionId: session.sessionId }));
  }

  const list = [...calls.values()].sort((a, b) => a.requestedAt - b.requestedAt);
  return (
    <section className="tablet-panel" aria-labelledby="queue-title" data-testid="assistance-queue">
      <h1 id="queue-title" className="tablet-title">{t.queueTitle}</h1>
      {list.length === 0 ? <p>{t.queueEmpty}</p> : (
        <ul className="tablet-list">
          {list.map((call) => (
            <li key={call.requestId} className="tablet-call" data-testid="call" data-request={call.requestId} data-taken={call.takenBy ? 'yes' : 'no'}>
              <p className="tablet-big">{t.queueItem(call.kiosk, call.place, Math.max(0, Math.floor((now - call.requestedAt) / 60_000)))}</p>
              <p>{t.queueContext(call.step, call.orderCode ? formatOrderCode(call.orderCode) : null, call.lang, call.largeText)}</p>
              {call.takenBy
                ? (
                  <div className="tablet-row">
                    <p data-testid="taken-by">{t.acceptedBy(call.takenBy)}</p>
                    {call.orderCode && call.takenBy === session.staff.name && (
                      <button type="button" className="tablet-button" data-testid="open-order" onClick={() => onOpenOrder(call.orderCode!)}>{t.openOrder(formatOrderCode(call.orderCode))}</button>
                    )}
                    <button type="button" className="tablet-button" data-testid="resolve" onClick={() => void resolve(call.requestId)}>{t.resolved}</button>
                  </div>
                )
                : <button type="button" className="tablet-button tablet-primary" data-testid="accept" onClick={() => void accept(call)}>{t.accept}</button>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
