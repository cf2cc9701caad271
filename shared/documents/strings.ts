import type { Lang } from '../domain/money';
import type { PaymentMethod } from './receipt';

/** Words on paper. Kept apart from the screen strings: paper has its own abbreviations. */
const ru = {
  receiptTitle: 'ТОВАРНЫЙ ЧЕК',
  nonFiscal: 'не является кассовым чеком',
  receiptNumber: 'Чек №',
  date: 'Дата',
  order: 'Заказ',
  pieces: 'шт.',
  total: 'ИТОГО',
  payment: 'Оплата',
  paymentMethods: { prepaid: 'онлайн при заказе', cash: 'наличными', card: 'картой' } satisfies Record<PaymentMethod, string>,
  staff: 'Выдал',
  thanks: 'Спасибо за покупку!',
  copy: 'КОПИЯ',
  inn: 'ИНН',
};

const en: typeof ru = {
  receiptTitle: 'SALES RECEIPT',
  nonFiscal: 'not a fiscal receipt',
  receiptNumber: 'Receipt no.',
  date: 'Date',
  order: 'Order',
  pieces: 'pcs',
  total: 'TOTAL',
  payment: 'Payment',
  paymentMethods: { prepaid: 'online when ordering', cash: 'cash', card: 'card' },
  staff: 'Served by',
  thanks: 'Thank you for your purchase!',
  copy: 'COPY',
  inn: 'INN (taxpayer no.)',
};

export function paperStrings(lang: Lang): typeof ru {
  return lang === 'ru' ? ru : en;
}
