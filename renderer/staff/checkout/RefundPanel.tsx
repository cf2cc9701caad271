import { useState } from 'react';
import { formatDateTime } from '../../../shared/domain/datetime';
import { shortName } from '../../../shared/domain/mask';
import { formatMoney } from '../../../shared/domain/money';
import { messages } from '../../../shared/i18n';
import type { StaffSession } from '../../../shared/protocol/staff';
import type { RefundLine } from '../../../shared/protocol/transactions/sale';
import { useServices } from '../../app/services';
import { printProblemText } from '../../kiosk/print-problem';
import { useStaffText } from '../staff-lang';
import { findSale, recordRefund, refundAmount, returnable, type FoundSale, type RefundOutcome } from './refund';

/**
 * Refunds, for a supervisor (an associate is told who makes them; the server refuses an
 * associate's too): find the sale by its receipt number or QR, choose what comes back
 * (units, and serial-numbered goods by serial), never more than is left; the money goes
 * back the sale's way, and a ВОЗВРАТ slip prints.
 */
export function RefundPanel({ session }: { session: StaffSession }) {
  const { t, lang } = useStaffText();
  const services = useServices();
  const [text, setText] = useState('');
  const [found, setFound] = useState<FoundSale | null>(null);
  const [qty, setQty] = useState<Map<string, number>>(new Map());
  const [serials, setSerials] = useState<Set<string>>(new Set());
  const [outcome, setOutcome] = useState<RefundOutcome | null>(null);
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
    setFound(await findSale(services, session.sessionToken, text));
  }
  const sale = found?.ok ? found.sale : null;
  const lines: RefundLine[] = sale ? sale.lines.flatMap((l) => {
    const chosen = l.serials.length > 0 ? returnable(l).serials.filter((s) => serials.has(s)) : [];
    const n = l.serials.length > 0 ? chosen.length : qty.get(l.sku) ?? 0;
    return n > 0 ? [{ sku: l.sku, qty: n, ...(chosen.length > 0 ? { serials: chosen } : {}) }] : [];
  }) : [];

  async function refund() {
    if (!sale || lines.length === 0 || busy) return;
    setBusy(true);
    const result = await recordRefund(services, { sale, lines, staffSessionId: session.sessionId, staffName: shortName(session.staff.name), lang });
    setBusy(false);
    setOutcome(result);
    if (result.ok) { setFound(null); setText(''); }
  }

  return (
    <section className="tablet-panel" aria-labelledby="refund-title" data-testid="refund">
      <h1 id="refund-title" className="tablet-title">{t.refundTitle}</h1>
      {outcome?.ok && (
        <div data-testid="refund-done" data-receipt={outcome.receipt.number}>
          <p className="tablet-big">{t.refundDone(outcome.receipt.number)}</p>
          {outcome.printProblem && <p className="tablet-note" role="alert">{printProblemText(messages(lang), outcome.printProblem)}</p>}
        </div>
      )}
      <form className="tablet-row" onSubmit={(e) => { e.preventDefault(); void find(); }}>
        <label htmlFor="refund-find" className="visually-hidden">{t.refundFind}</label>
        <input id="refund-find" className="tablet-field tablet-grow" autoComplete="off" placeholder={t.refundFind} value={text} data-testid="refund-find"
          onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="tablet-button" data-testid="refund-find-button">{t.refundFindButton}</button>
      </form>
      <p className="tablet-note" role="status" data-testid="refund-note">{found && !found.ok ? t.refundNotFound(found.code) : ''}</p>
      {sale && (
        <div data-testid="refund-sale" data-sale={sale.saleId}>
          <p className="tablet-big">{t.refundSale(sale.receiptNumber, formatDateTime(sale.occurredAt, lang))}</p>
          {found?.ok && !found.fromServer && <p className="tablet-note">{t.refundOffline}</p>}
          <ul className="tablet-list">
            {sale.lines.map((l) => {
              const left = returnable(l);
              const n = qty.get(l.sku) ?? 0;
              return (
                <li key={l.sku} className="tablet-call" data-testid="refund-line" data-sku={l.sku}>
                  <p>{t.refundLine(l.name, left.qty, formatMoney(l.priceKopecks, lang))}</p>
                  {l.serials.length > 0
                    ? left.serials.map((serial) => (
                      <label key={serial} className="tablet-check">
                        <input type="checkbox" checked={serials.has(serial)} data-testid="refund-serial" data-serial={serial}
                          onChange={(e) => setSerials((before) => { const next = new Set(before); if (e.target.checked) next.add(serial); else next.delete(serial); return next; })} />
                        {t.refundUnit(serial)}
                      </label>
                    ))
                    : left.qty > 0 && (
                      <div className="tablet-row">
                        <button type="button" className="tablet-button" data-testid="refund-less" disabled={n === 0} onClick={() => setQty((m) => new Map(m).set(l.sku, n - 1))}>{t.saleLess}</button>
                        <span data-testid="refund-qty">{n}</span>
                        <button type="button" className="tablet-button" data-testid="refund-more" disabled={n >= left.qty} onClick={() => setQty((m) => new Map(m).set(l.sku, n + 1))}>{t.saleMore}</button>
                      </div>
                    )}
                </li>
              );
            })}
          </ul>
          {sale.lines.every((l) => returnable(l).qty === 0)
            ? <p>{t.refundNothingLeft}</p>
            : (
              <>
                <p className="tablet-change" data-testid="refund-total">{t.refundTotal(formatMoney(refundAmount(sale, lines), lang), sale.method)}</p>
                <button type="button" className="tablet-button tablet-primary" data-testid="refund-record" disabled={lines.length === 0 || busy} onClick={() => void refund()}>{t.refundRecord}</button>
              </>
            )}
        </div>
      )}
      {outcome && !outcome.ok && <p className="tablet-note" role="alert" data-testid="refund-failed">{t.refundFailed}</p>}
    </section>
  );
}
