import { useState } from 'react';
import { formatDateTime } from '../../../shared/domain/datetime';
import { shortName } from '../../../shared/domain/mask';
import { formatMoney } from '../../../shared/domain/money';
import { formatOrderCode } from '../../../shared/domain/order-code';
import { messages } from '../../../shared/i18n';
import type { TabletSession } from '../use-staff-session';
import type { RefundLine } from '../../../shared/protocol/transactions/sale';
import { useServices } from '../../app/services';
import { printProblemText } from '../../kiosk/print-problem';
import { useStaffText } from '../staff-lang';
import {
  addReturnSerial, findReturnable, linesOf, methodOf, recordRefund, refundAmount, returnable,
  type FoundReturnable, type RefundOutcome, type Returnable, type ReturnableLine,
} from './refund';
import { SerialEntry } from './SerialEntry';

/**
 * Refunds and returns, for a supervisor (an associate is told who makes them; the server
 * refuses an associate's too): find a sale or a handed-over pickup order by its receipt's
 * number or QR, or the order's code; choose what comes back (units; a sale's serial-numbered
 * goods by the serials sold, an order's by the serial read off each unit), never more than
 * is left; the money goes back the way it came (cash from the drawer, to the card, or, for
 * an order paid online, by the shop online), and a ВОЗВРАТ slip prints. Another branch's
 * receipt or order, or an order never handed over, is said in words.
 */
export function RefundPanel({ session }: { session: TabletSession }) {
  const { t, lang } = useStaffText();
  const services = useServices();
  const [text, setText] = useState('');
  const [found, setFound] = useState<FoundReturnable | null>(null);
  const [qty, setQty] = useState<Map<string, number>>(new Map());
  /** a sale's units chosen by their sold serials */
  const [serials, setSerials] = useState<Set<string>>(new Set());
  /** an order's serial-numbered units coming back, by the serial read off each */
  const [typed, setTyped] = useState<Map<string, string[]>>(new Map());
  const [outcome, setOutcome] = useState<RefundOutcome | null>(null);
  /** what the supervisor does with the money once the slip is out */
  const [payOut, setPayOut] = useState('');
  const [busy, setBusy] = useState(false);

  if (session.staff.role !== 'supervisor') {
    return (
      <section className="tablet-panel" aria-labelledby="refund-title" data-testid="refund">
        <h1 id="refund-title" className="tablet-title">{t.refundTitle}</h1>
        <p data-testid="refund-supervisor-only">{t.refundOnlySupervisor}</p>
      </section>
    );
  }

  async function find() {
    setOutcome(null);
    setQty(new Map());
    setSerials(new Set());
    setTyped(new Map());
    setFound(await findReturnable(services, session.sessionToken, text));
  }
  const source: Returnable | null = found?.ok ? found.found : null;
  const lines: RefundLine[] = source ? linesOf(source).flatMap((l) => {
    const chosen = l.serials.length > 0 ? returnable(l).serials.filter((s) => serials.has(s)) : l.serialRequired ? typed.get(l.sku) ?? [] : [];
    const n = l.serials.length > 0 || l.serialRequired ? chosen.length : qty.get(l.sku) ?? 0;
    return n > 0 ? [{ sku: l.sku, qty: n, ...(chosen.length > 0 ? { serials: chosen } : {}) }] : [];
  }) : [];

  async function refund() {
    if (!source || lines.length === 0 || busy) return;
    setBusy(true);
    const common = { lines, staffSessionId: session.sessionId, staffName: shortName(session.staff.name), lang };
    const result = await recordRefund(services, source.kind === 'sale' ? { sale: source.sale, ...common } : { order: source.order, ...common });
    setBusy(false);
    setOutcome(result);
    if (result.ok) {
      setPayOut(t.refundPayOut(methodOf(source), formatMoney(refundAmount(source, lines), lang)));
      setFound(null);
      setText('');
    }
  }

  return (
    <section className="tablet-panel" aria-labelledby="refund-title" data-testid="refund">
      <h1 id="refund-title" className="tablet-title">{t.refundTitle}</h1>
      {outcome?.ok && (
        <div data-testid="refund-done" data-receipt={outcome.receipt.number}>
          <p className="tablet-big">{t.refundDone(outcome.receipt.number)}</p>
          <p className="tablet-big" data-testid="refund-pay-out">{payOut}</p>
          {outcome.printProblem && <p className="tablet-note" role="alert">{printProblemText(messages(lang), outcome.printProblem)}</p>}
        </div>
      )}
      <form className="tablet-row" onSubmit={(e) => { e.preventDefault(); void find(); }}>
        <label htmlFor="refund-find" className="visually-hidden">{t.refundFind}</label>
        <input id="refund-find" className="tablet-field tablet-grow" autoComplete="off" placeholder={t.refundFind} value={text} data-testid="refund-find"
          onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="tablet-button" data-testid="refund-find-button">{t.refundFindButton}</button>
      </form>
      <p className="tablet-note" role="status" data-testid="refund-note">{found && !found.ok ? notFoundText(t, found) : ''}</p>
      {source && (
        <div data-testid={source.kind === 'sale' ? 'refund-sale' : 'refund-order'} data-sale={source.kind === 'sale' ? source.sale.saleId : undefined}
          data-order={source.kind === 'order' ? source.order.orderCode : undefined}>
          {source.kind === 'sale'
            ? <p className="tablet-big">{t.refundSale(source.sale.receiptNumber, formatDateTime(source.sale.occurredAt, lang))}</p>
            : (
              <>
                <p className="tablet-big">{t.refundOrder(formatOrderCode(source.order.orderCode), source.order.receiptNumber, formatDateTime(source.order.handedOverAt, lang))}</p>
                <p data-testid="refund-handed-over">{t.refundHandedOver(t.deviceOn(source.order.handedOverOn), source.order.paidBy)}</p>
              </>
            )}
          {found?.ok && !found.fromServer && <p className="tablet-note">{t.refundOffline}</p>}
          <ul className="tablet-list">
            {linesOf(source).map((l) => (
              <li key={l.sku} className="tablet-call" data-testid="refund-line" data-sku={l.sku}>
                <p>{t.refundLine(l.name, returnable(l).qty, formatMoney(l.priceKopecks, lang))}</p>
                <LineChoice line={l} qty={qty.get(l.sku) ?? 0} setQty={(n) => setQty((m) => new Map(m).set(l.sku, n))}
                  serials={serials} toggleSerial={(serial, on) => setSerials((before) => { const next = new Set(before); if (on) next.add(serial); else next.delete(serial); return next; })}
                  typed={typed.get(l.sku) ?? []} setTyped={(list) => setTyped((m) => new Map(m).set(l.sku, list))} />
              </li>
            ))}
          </ul>
          {linesOf(source).every((l) => returnable(l).qty === 0)
            ? <p>{t.refundNothingLeft}</p>
            : (
              <>
                <p className="tablet-change" data-testid="refund-total">{t.refundTotal(formatMoney(refundAmount(source, lines), lang), methodOf(source))}</p>
                {methodOf(source) === 'online' && <p data-testid="refund-online"><strong>{t.refundOnline}</strong></p>}
                <button type="button" className="tablet-button tablet-primary" data-testid="refund-record" disabled={lines.length === 0 || busy} onClick={() => void refund()}>{t.refundRecord}</button>
              </>
            )}
        </div>
      )}
      {outcome && !outcome.ok && <p className="tablet-note" role="alert" data-testid="refund-failed">{t.refundFailed}</p>}
    </section>
  );
}

type Texts = ReturnType<typeof useStaffText>['t'];

function notFoundText(t: Texts, found: Exclude<FoundReturnable, { ok: true }>): string {
  switch (found.code) {
    case 'other-branch': return t.refundOtherBranch(found.branch);
    case 'not-handed-over': return t.refundNotHandedOver(formatOrderCode(found.orderCode), found.status);
    default: return t.refundNotFound(found.code);
  }
}

/**
 * What comes back of one line: a sale's sold serials ticked; an order's serial-numbered
 * units by the serial read off each (scanned or typed, as at a sale); others counted.
 */
function LineChoice({ line, qty, setQty, serials, toggleSerial, typed, setTyped }: {
  line: ReturnableLine; qty: number; setQty: (n: number) => void;
  serials: Set<string>; toggleSerial: (serial: string, on: boolean) => void;
  typed: string[]; setTyped: (serials: string[]) => void;
}) {
  const { t } = useStaffText();
  const left = returnable(line);
  if (line.serials.length > 0) {
    return left.serials.map((serial) => (
      <label key={serial} className="tablet-check">
        <input type="checkbox" checked={serials.has(serial)} data-testid="refund-serial" data-serial={serial} onChange={(e) => toggleSerial(serial, e.target.checked)} />
        {t.refundUnit(serial)}
      </label>
    ));
  }
  if (left.qty === 0) return null;
  if (line.serialRequired) {
    return (
      <>
        {typed.length < left.qty && <p>{t.refundNeedsSerial}</p>}
        <SerialEntry line={{ sku: line.sku, serials: typed, qty: left.qty }} editable problemText={t.refundSerialProblem}
          onAdd={(text) => { const r = addReturnSerial(line, typed, text); if (r.ok) setTyped(r.serials); return r; }}
          onRemove={(serial) => setTyped(typed.filter((s) => s !== serial))} />
      </>
    );
  }
  return (
    <div className="tablet-row">
      <button type="button" className="tablet-button" data-testid="refund-less" disabled={qty === 0} onClick={() => setQty(qty - 1)}>{t.saleLess}</button>
      <span data-testid="refund-qty">{qty}</span>
      <button type="button" className="tablet-button" data-testid="refund-more" disabled={qty >= left.qty} onClick={() => setQty(qty + 1)}>{t.saleMore}</button>
    </div>
  );
}
