import { buildDaySummary, buildPassbook, buildReceipt, buildRefund, buildSelfTest, buildWarranty, type PaperDocument } from '../../../shared/documents';
import type { Lang } from '../../../shared/domain/money';
import type { BranchInfo } from '../../../shared/protocol';

/** Fixed sample data for golden text: the same paper on every machine and every run. */
export const SELLER: BranchInfo = {
  code: 'MSK1', name: 'Электроника на Садовой', legalName: 'ООО «Окно Электроника»', inn: '7701234560', ogrn: '1027700132195',
  address: 'г. Москва, ул. Садовая-Кудринская, д. 12', serviceCentre: 'СЦ «Техносервис», ул. Гиляровского, 5, +7 495 123-45-67', timeZone: 'Europe/Moscow',
};
const TZ = 'Europe/Moscow';

export function sampleDocuments(lang: Lang): Record<'receipt' | 'sale' | 'warranty' | 'refund' | 'return' | 'passbook' | 'passbook-summary' | 'selftest' | 'daysummary', PaperDocument> {
  return {
    receipt: buildReceipt({
      receiptId: '0193a000-0000-7000-8000-000000000001', number: 'MSK1-K01-000042', issuedAt: '2026-11-23T11:05:00Z', seller: SELLER,
      orderCode: '47110004', payment: 'prepaid', staffName: 'Анна С.', timeZone: TZ,
      lines: [
        { name: 'Тонометр автоматический Omron M447 с манжетой 22–42 см', quantity: 1, priceKopecks: 417_000 },
        { name: 'Батарейки AA Duracell, 4 шт.', quantity: 3, priceKopecks: 45_050 },
      ],
    }, lang),
    // An assisted sale at a tablet, paid in cash: tendered and change, the seller's name.
    sale: buildReceipt({
      receiptId: '0193a000-0000-7000-8000-000000000005', number: 'MSK1-T01-000007', issuedAt: '2026-11-28T09:40:00Z', seller: SELLER,
      payment: 'cash', tenderedKopecks: 5_000_000, changeKopecks: 51_000, staffName: 'Ольга И.', staffRole: 'sold', timeZone: TZ,
      lines: [
        { name: 'Телевизор Samsung UE43 109 см', quantity: 1, priceKopecks: 4_499_000 },
        { name: 'Кронштейн настенный', quantity: 1, priceKopecks: 450_000 },
      ],
    }, lang),
    refund: buildRefund({
      refundId: '0193a000-0000-7000-8000-000000000006', number: 'MSK1-T01-000009', saleNumber: 'MSK1-T01-000007', issuedAt: '2026-11-29T12:15:00Z', seller: SELLER,
      method: 'cash', staffName: 'Ольга И.', timeZone: TZ,
      lines: [{ name: 'Кронштейн настенный', quantity: 1, priceKopecks: 450_000 }],
    }, lang),
    // A pickup order paid online, handed over at a kiosk: one unit comes back; the shop returns the money online.
    return: buildRefund({
      refundId: '0193a000-0000-7000-8000-000000000008', number: 'MSK1-T01-000012', saleNumber: 'MSK1-K01-000042', orderCode: '47110004',
      issuedAt: '2026-11-30T10:20:00Z', seller: SELLER, method: 'online', staffName: 'Ольга И.', timeZone: TZ,
      lines: [{ name: 'Батарейки AA Duracell, 4 шт.', quantity: 2, priceKopecks: 45_050 }],
    }, lang),
    warranty: buildWarranty({
      warrantyId: '0193a000-0000-7000-8000-000000000002', seller: SELLER, receiptNumber: 'MSK1-K01-000042',
      product: 'Тонометр автоматический Omron M447', model: 'HEM-7361T', serialNumber: '20261123-0042', saleDate: '2026-01-31', warrantyMonths: 13,
    }, lang),
    passbook: buildPassbook({
      statementId: '0193a000-0000-7000-8000-000000000003', seller: SELLER, cardNumber: '6393 0000 0000 1234', customerShortName: 'Мария И.',
      start: { balanceKopecks: 1_250_000, page: 3, line: 11, linesPerPage: 12 }, asOf: '2026-11-23T11:05:00Z', timeZone: TZ,
      entries: [
        { date: '2026-11-02', text: 'Покупка: чайник', amountKopecks: -199_000 },
        { date: '2026-11-10', text: 'Пополнение наличными в отделении', amountKopecks: 500_000 },
        { date: '2026-11-23', text: 'Покупка: тонометр Omron M447', amountKopecks: -417_000 },
      ],
    }, lang),
    // A Saturday: pickups, sales and a refund, money both ways, a call left open, a sale to check, a kiosk that was offline.
    daysummary: buildDaySummary({
      date: '2026-11-28', branch: { code: 'MSK1', name: SELLER.name }, generatedAt: '2026-11-28T17:05:00Z',
      pickups: { count: 41, totalKopecks: 38_215_050 }, sales: { count: 12, totalKopecks: 24_980_000, flagged: [{ receiptNumber: 'MSK1-T01-000007', flags: ['price-differs', 'unknown-card'] }] },
      refunds: { count: 1, totalKopecks: 450_000 }, reprints: { count: 3 },
      orderReturns: { count: 2, totalKopecks: 507_100, online: { count: 1, totalKopecks: 90_100 } },
      payments: [
        { method: 'card', direction: 'in', count: 9, totalKopecks: 19_880_000 },
        { method: 'cash', direction: 'in', count: 6, totalKopecks: 7_300_000 },
        { method: 'card', direction: 'out', count: 1, totalKopecks: 417_000 },
        { method: 'cash', direction: 'out', count: 1, totalKopecks: 450_000 },
      ],
      openHelpRequests: 1, unresolvedRejections: 2, passbookOverlaps: 1,
      late: [
        { kind: 'order.pickedUp', device: 'MSK1-K02', subject: '47110004', occurredAt: '2026-11-28T10:02:00Z', receivedAt: '2026-11-28T13:40:00Z' },
        { kind: 'sale.completed', device: 'MSK1-T02', subject: 'MSK1-T02-000031', occurredAt: '2026-11-28T16:50:00Z', receivedAt: '2026-11-29T06:10:00Z' },
      ],
    }, SELLER, lang),
    // A book not printed for two months: 33 new entries, the older 3 as one line, crossing from page 7 to 8.
    'passbook-summary': buildPassbook({
      statementId: '0193a000-0000-7000-8000-000000000007', seller: SELLER, cardNumber: '2991000000018', customerShortName: 'Иван П.',
      start: { balanceKopecks: 4_821_000, page: 7, line: 20, linesPerPage: 24 },
      entries: Array.from({ length: 33 }, (_, i) => ({
        date: `2026-${String(9 + Math.floor(i / 12)).padStart(2, '0')}-${String(1 + (i % 12) * 2).padStart(2, '0')}`,
        text: i % 3 === 0 ? 'Пенсия, зачисление' : i % 3 === 1 ? 'Снятие наличных' : 'Покупка в магазине',
        amountKopecks: i % 3 === 0 ? 2_450_000 : i % 3 === 1 ? -1_000_000 : -(123_450 + i * 100),
      })),
    }, lang),
    selftest: buildSelfTest({ id: '0193a000-0000-7000-8000-000000000004', printerModel: 'Epson TM-T20III', columns: 42, codePage: 'CP866 (ESC t 17)', printedAt: '2026-11-23T11:05:00Z', timeZone: TZ }, lang),
  };
}
