import { useState } from 'react';
import { formatMoney } from '../../shared/domain/money';
import type { StaffSession } from '../../shared/protocol/staff';
import { useServices } from '../app/services';
import { useStaffText } from './staff-lang';

/**
 * A pickup order's payment (order.paid, through the outbox). Cash: what the customer
 * handed over, and the change in large digits; card: the standalone terminal's reference
 * (okno does not talk to terminals).
 */
export function PaymentForm({ orderCode, totalKopecks, method, session, onDone }: { orderCode: string; totalKopecks: number; method: 'cash' | 'card'; session: StaffSession; onDone: () => void }) {
  const { t, lang } = useStaffText();
  const { changes } = useServices();
  const [tendered, setTendered] = useState('');
  const [rrn, setRrn] = useState('');
  const tenderedKopecks = Math.round(Number(tendered.replace(',', '.')) * 100);
  const change = tenderedKopecks - totalKopecks;
  const enough = method === 'card' ? rrn.length >= 6 : Number.isFinite(tenderedKopecks) && change >= 0;

  async function record() {
    const payment = method === 'cash'
      ? { method, amountKopecks: totalKopecks, tenderedKopecks, changeKopecks: change }
      : { method, amountKopecks: totalKopecks, terminalRef: rrn };
    await changes.run([], (c) => c.enqueue('order.paid', { orderCode: orderCode, payment, staffSessionId: session.sessionId }));
    onDone();
  }

  return (
    <form className="tablet-form" onSubmit={(e) => { e.preventDefault(); if (enough) void record(); }}>
      {method === 'cash' ? (
        <>
          <label htmlFor="tendered">{t.tendered}</label>
          <input id="tendered" className="tablet-field" inputMode="decimal" autoComplete="off" value={tendered} data-testid="tendered"
            onChange={(e) => setTendered(e.target.value.replace(/[^\d,.]/g, ''))} />
          <p className="tablet-change" data-testid="change" aria-live="polite">
            {tendered === '' ? '' : change >= 0 ? t.change(formatMoney(change, lang)) : t.notEnough}
          </p>
        </>
      ) : (
        <>
          <label htmlFor="rrn">{t.terminalRef}</label>
          <input id="rrn" className="tablet-field" inputMode="numeric" autoComplete="off" value={rrn} data-testid="rrn"
            onChange={(e) => setRrn(e.target.value.replace(/\D/g, '').slice(0, 12))} />
        </>
      )}
      <button type="submit" className="tablet-button tablet-primary" data-testid="record-payment" disabled={!enough}>{t.confirmPayment}</button>
    </form>
  );
}
