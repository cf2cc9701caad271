export * from './model';
export { buildReceipt, sellerBlocks, type ReceiptInput, type ReceiptLine, type PaymentMethod } from './receipt';
export { paperStrings } from './strings';
