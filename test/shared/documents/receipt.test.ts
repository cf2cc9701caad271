import { describe, expect, it } from 'vitest';
import { buildReceipt, type Block } from '../../../shared/documents';

const seller = { code: 'MSK1', name: 'Электроника на Садовой', legalName: 'ООО «Окно Электроника»', inn: '7701234560', ogrn: null, address: 'г. Москва, ул. Садовая-Кудринская, д. 12', serviceCentre: null, timeZone: 'Europe/Moscow' };
const input = {
  receiptId: '01900000-0000-7000-8000-000000000001', number: 'MSK1-K01-000042', issuedAt: '2026-11-23T11:05:00Z', seller,
  orderCode: '47110004', payment: 'prepaid' as const, timeZone: 'Europe/Moscow',
  lines: [{ name: 'Чайник электрический', quantity: 2, priceKopecks: 199_000 }, { name: 'Фильтр', quantity: 1, priceKopecks: 45_050 }],
};

/** The text of a document, one string per line, as a person would read the paper. */
function text(blocks: Block[]): string[] {
  return blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : b.kind === 'pair' ? [`${b.left} | ${b.right}`] : b.kind === 'qr' ? [`[QR ${b.data}]`] : []));
}

describe('товарный чек', () => {
  it('has the seller, number, date, lines, total, payment and QR', () => {
    const lines = text(buildReceipt(input, 'ru').blocks);
    expect(lines).toEqual([
      'ООО «Окно Электроника»', 'Электроника на Садовой', 'г. Москва, ул. Садовая-Кудринская, д. 12', 'ИНН 7701234560',
      'ТОВАРНЫЙ ЧЕК', 'не является кассовым чеком',
      'Чек № | MSK1-K01-000042', 'Дата | 23.11.2026 14:05', 'Заказ | 4711 0004',
      '1. Чайник электрический', '   2 шт. × 1\u00a0990,00\u00a0₽ | 3\u00a0980,00\u00a0₽',
      '2. Фильтр', '   1 шт. × 450,50\u00a0₽ | 450,50\u00a0₽',
      'ИТОГО | 4\u00a0430,50\u00a0₽', 'Оплата | онлайн при заказе',
      '[QR okno:receipt:01900000-0000-7000-8000-000000000001]', 'Спасибо за покупку!',
    ]);
  });

  it('prints the total in double height and ends with a cut', () => {
    const doc = buildReceipt(input, 'en');
    expect(doc.blocks.find((b) => b.kind === 'pair' && b.left === 'TOTAL')).toMatchObject({ size: 'double', bold: true, right: 'RUB\u00a04,430.50' });
    expect(doc.blocks.at(-1)).toEqual({ kind: 'cut' });
    expect(doc).toMatchObject({ id: input.receiptId, type: 'receipt', lang: 'en', copy: false });
  });

  it('a sale paid by card shows the card’s last 4 digits, never more, and the terminal’s reference; the seller, not "handed over"', () => {
    const lines = text(buildReceipt({ ...input, orderCode: undefined, payment: 'card', cardLast4: '4242', terminalRef: '123456789012', staffName: 'Ольга И.', staffRole: 'sold' }, 'ru').blocks);
    expect(lines).toEqual(expect.arrayContaining(['Оплата | картой', 'Карта | **** 4242', 'Операция (RRN) | 123456789012', 'Продавец | Ольга И.']));
    expect(lines.join('\n')).not.toMatch(/Заказ|Выдал|Сдача/);
  });
});
