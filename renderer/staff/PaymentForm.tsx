import type { StaffSession } from '../../shared/protocol/staff';
import { useServices } from '../app/services';
import { PaymentEntry } from './PaymentEntry';
import { useStaffText } from './staff-lang';

/** A pickup order's payment, recorded as order.paid through the outbox. */
export function PaymentForm({ orderCode, totalKopecks, method, session, onDone }: { orderCode: string; totalKopecks: number; method: 'cash' | 'card'; session: StaffSession; onDone: () => void }) {
  const { t } = useStaffText();
  const { changes } = useServices();
  async function record(payment: { method: 'cash' | 'card'; amountKopecks: number; tenderedKopecks?: number; changeKopecks?: number; terminalRef?: string }) {
    const { method: m, amountKopecks, tenderedKopecks, changeKopecks, terminalRef } = payment;
    const recorded = m === 'cash' ? { method: m, amountKopecks, tenderedKopecks, changeKopecks } : { method: m, amountKopecks, terminalRef };
    await changes.run([], (c) => c.enqueue('order.paid', { orderCode, payment: recorded, staffSessionId: session.sessionId }));
    onDone();
  }
  return <PaymentEntry totalKopecks={totalKopecks} method={method} submitLabel={t.confirmPayment} onSubmit={(p) => void record(p)} />;
}
