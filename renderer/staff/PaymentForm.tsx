import type { TabletSession } from './use-staff-session';
import { useServices } from '../app/services';
import { PaymentEntry } from './PaymentEntry';
import { useStaffText } from './staff-lang';

/** A pickup order's payment, recorded as order.paid through the outbox. */
export function PaymentForm({ orderCode, totalKopecks, method, session, onDone, onBack }: { orderCode: string; totalKopecks: number; method: 'cash' | 'card'; session: TabletSession; onDone: () => void; onBack: () => void }) {
  const { t } = useStaffText();
  const { changes } = useServices();
  async function record(payment: { method: 'cash' | 'card'; amountKopecks: number; tenderedKopecks?: number; changeKopecks?: number; terminalRef?: string }) {
    const { method: m, amountKopecks, tenderedKopecks, changeKopecks, terminalRef } = payment;
    const recorded = m === 'cash' ? { method: m, amountKopecks, tenderedKopecks, changeKopecks } : { method: m, amountKopecks, terminalRef };
    // The tablet's copy of the order says how it was paid, so its own handover's receipt does too.
    await changes.run([changes.db.orders], async (c) => {
      await c.enqueue('order.paid', { orderCode, payment: recorded, staffSessionId: session.sessionId });
      await changes.db.orders.update(orderCode, { paid: true, paidBy: m });
    });
    onDone();
  }
  return <PaymentEntry totalKopecks={totalKopecks} method={method} submitLabel={t.confirmPayment} onSubmit={(p) => void record(p)} onBack={onBack} />;
}
