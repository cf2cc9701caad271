export * from './model';
export { buildReceipt, sellerBlocks, type ReceiptInput, type ReceiptLine, type PaymentMethod } from './receipt';
export { buildWarranty, type WarrantyInput } from './warranty';
export { buildRefund, type RefundInput } from './refund';
export { buildDaySummary } from './day-summary';
export { buildPassbook, type PassbookInput } from './passbook';
export { buildSelfTest, RUSSIAN_ALPHABET } from './selftest';
export { layoutDocument, wrap, type LayoutOptions, type PaperLine } from './layout';
export { paperStrings } from './strings';
