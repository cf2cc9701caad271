import type { LedgerAppend } from '../../repositories/customer-repo';

/**
 * What a card holder's passbook says about a sale or a refund at the branch. Two lines
 * each: the goods, and the money that paid for them (or went back). The book's balance
 * is the customer's account with the branch (fed by the back office); a purchase paid in
 * cash or by card at the desk does not touch it, so the two lines cancel out and the
 * balance the customer checks stays true, while every purchase is still on their paper.
 * Short texts: a passbook line is narrow.
 */
export function saleLedgerLines(s: { cardNumber: string; occurredAt: string; receiptNumber: string; totalKopecks: number; method: string }): LedgerAppend[] {
  const base = { cardNumber: s.cardNumber, postedAt: s.occurredAt };
  const cash = s.method === 'cash';
  return [
    { ...base, textRu: `Покупка, чек ${s.receiptNumber}`, textEn: `Purchase, receipt ${s.receiptNumber}`, amountKopecks: -s.totalKopecks },
    { ...base, textRu: cash ? 'Оплата наличными' : 'Оплата картой', textEn: cash ? 'Paid in cash' : 'Paid by card', amountKopecks: s.totalKopecks },
  ];
}

/** A refund of a sale or a return of an order: the goods back, and the money the way it came (online: the shop pays it back, not the branch). */
export function refundLedgerLines(r: { cardNumber: string; occurredAt: string; receiptNumber: string; amountKopecks: number; method: 'cash' | 'card' | 'online' }): LedgerAppend[] {
  const base = { cardNumber: r.cardNumber, postedAt: r.occurredAt };
  const paid = { cash: ['Выдано наличными', 'Paid out in cash'], card: ['Возвращено на карту', 'Returned to the card'], online: ['Вернёт магазин онлайн', 'Refunded online by the shop'] }[r.method];
  return [
    { ...base, textRu: `Возврат, чек ${r.receiptNumber}`, textEn: `Return, slip ${r.receiptNumber}`, amountKopecks: r.amountKopecks },
    { ...base, textRu: paid[0]!, textEn: paid[1]!, amountKopecks: -r.amountKopecks },
  ];
}

/** A pickup order of a card holder handed over: the goods, and how they were paid (online when ordered, or at the desk). */
export function pickupLedgerLines(p: { cardNumber: string; occurredAt: string; orderCode: string; totalKopecks: number; method: 'cash' | 'card' | null }): LedgerAppend[] {
  const base = { cardNumber: p.cardNumber, postedAt: p.occurredAt };
  const code = `${p.orderCode.slice(0, 4)} ${p.orderCode.slice(4)}`;
  const paid = p.method === null ? ['Оплачено при заказе', 'Paid when ordered'] : p.method === 'cash' ? ['Оплата наличными', 'Paid in cash'] : ['Оплата картой', 'Paid by card'];
  return [
    { ...base, textRu: `Заказ ${code} получен`, textEn: `Order ${code} collected`, amountKopecks: -p.totalKopecks },
    { ...base, textRu: paid[0]!, textEn: paid[1]!, amountKopecks: p.totalKopecks },
  ];
}
