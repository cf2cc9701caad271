import { useState } from 'react';
import { formatMoney, parseRoubles } from '../../shared/domain/money';
import type { SalePayment } from '../../shared/protocol/transactions/sale';
import { changeFor } from './checkout/cart';
import { useStaffText } from './staff-lang';

/**
 * Taking a payment, for a pickup order or a sale. Cash: what the customer handed over, and
 * the change in large digits; card: the standalone terminal's reference (okno does not
 * talk to terminals) and, for a sale, optionally the card's last 4 digits, never more.
 * `onSubmit` gets the payment once it adds up; «Назад» leaves without recording anything.
 */
export function PaymentEntry({ totalKopecks, method, cardLast4 = false, submitLabel, onSubmit, onBack }: {
  totalKopecks: number; method: 'cash' | 'card'; cardLast4?: boolean; submitLabel: string; onSubmit: (payment: SalePayment) => void;
  /** the way back: another method, or not now (nothing is recorded) */
  onBack: () => void;
}) {
  const { t, lang } = useStaffText();
  const [tendered, setTendered] = useState('');
  const [rrn, setRrn] = useState('');
  const [last4, setLast4] = useState('');
  const tenderedKopecks = parseRoubles(tendered);
  const change = changeFor(totalKopecks, tenderedKopecks);
  const enough = method === 'card' ? rrn.length >= 6 && (last4 === '' || last4.length === 4) : change !== null;

  function submit() {
    if (!enough) return;
    onSubmit(method === 'cash'
      ? { method, amountKopecks: totalKopecks, tenderedKopecks: tenderedKopecks!, changeKopecks: change! }
      : { method, amountKopecks: totalKopecks, terminalRef: rrn, ...(last4 ? { cardLast4: last4 } : {}) });
  }

  return (
    <form className="tablet-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
      {method === 'cash' ? (
        <>
          <label htmlFor="tendered">{t.tendered}</label>
          <input id="tendered" className="tablet-field" inputMode="decimal" autoComplete="off" value={tendered} data-testid="tendered"
            onChange={(e) => setTendered(e.target.value.replace(/[^\d,.]/g, ''))} />
          <p className="tablet-change" data-testid="change" aria-live="polite">
            {tendered === '' ? '' : change !== null ? t.change(formatMoney(change, lang)) : t.notEnough}
          </p>
        </>
      ) : (
        <>
          <label htmlFor="rrn">{t.terminalRef}</label>
          <input id="rrn" className="tablet-field" inputMode="numeric" autoComplete="off" value={rrn} data-testid="rrn"
            onChange={(e) => setRrn(e.target.value.replace(/\D/g, '').slice(0, 12))} />
          {cardLast4 && (
            <>
              <label htmlFor="card-last4">{t.payCardLast4}</label>
              <input id="card-last4" className="tablet-field" inputMode="numeric" autoComplete="off" value={last4} data-testid="card-last4"
                onChange={(e) => setLast4(e.target.value.replace(/\D/g, '').slice(0, 4))} />
            </>
          )}
        </>
      )}
      <div className="tablet-row">
        <button type="button" className="tablet-button" data-testid="payment-back" onClick={onBack}>{t.paymentBack}</button>
        <button type="submit" className="tablet-button tablet-primary" data-testid="record-payment" disabled={!enough}>{submitLabel}</button>
      </div>
    </form>
  );
}
