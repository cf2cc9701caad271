import { randomUUID } from 'node:crypto';
import { buildPassbook, buildReceipt, buildSelfTest, buildWarranty, type PaperDocument } from '../../shared/documents';
import type { Lang } from '../../shared/domain/money';
import type { BranchInfo } from '../../shared/protocol';
import type { PrinterProfile } from './profiles';

export const SAMPLE_KINDS = ['receipt', 'warranty', 'passbook'] as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];

const SELLER: BranchInfo = {
  code: 'DEMO', name: 'Пробная печать', legalName: 'ООО «Окно»', inn: '7701234560', ogrn: null,
  address: 'г. Москва, ул. Примерная, д. 1', serviceCentre: null, timeZone: 'Europe/Moscow',
};

/** Sample documents with made-up data, for an installer checking a printer's layout. */
export function sampleDocument(kind: SampleKind, lang: Lang): PaperDocument {
  const now = new Date().toISOString();
  switch (kind) {
    case 'receipt':
      return buildReceipt({ receiptId: randomUUID(), number: 'DEMO-K01-000001', issuedAt: now, seller: SELLER, orderCode: '47110004', payment: 'card',
        lines: [{ name: 'Чайник электрический Redmond', quantity: 1, priceKopecks: 199_000 }, { name: 'Фильтр для воды', quantity: 2, priceKopecks: 45_050 }] }, lang);
    case 'warranty':
      return buildWarranty({ warrantyId: randomUUID(), seller: SELLER, receiptNumber: 'DEMO-K01-000001', product: 'Чайник электрический Redmond',
        model: 'RK-G200', serialNumber: 'SN-0001', saleDate: now.slice(0, 10), warrantyMonths: 12 }, lang);
    case 'passbook':
      return buildPassbook({ statementId: randomUUID(), seller: SELLER, cardNumber: '6393000000001234', customerShortName: 'Иван П.',
        start: { balanceKopecks: 1_000_000, page: 1, line: 1, linesPerPage: 24 },
        entries: [{ date: now.slice(0, 10), text: 'Пробная запись', amountKopecks: -199_000 }] }, lang);
  }
}

/** The self-test slip of one printer: its model, columns and pinned code page, as it is set up. */
export function selfTestSlip(profile: PrinterProfile, lang: Lang, id: string, printedAt: string, timeZone?: string): PaperDocument {
  return buildSelfTest({
    id, printerModel: profile.model, columns: profile.columns, codePage: `${profile.codePage.toUpperCase()} (ESC t ${profile.codePageNumber})`,
    printedAt, ...(timeZone ? { timeZone } : {}),
  }, lang);
}
