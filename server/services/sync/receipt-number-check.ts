import { parseReceiptNumber } from '../../../shared/domain/receipt-number';
import type { RejectReason } from '../../../shared/protocol';

/**
 * Every paper a device numbers (receipt, return slip, passbook statement) comes from its
 * one series: the number must carry this device's code and be used by no paper before.
 * `used` holds the numbers already taken, in the database and earlier in the batch.
 */
export function receiptNumberReason(number: string, deviceCode: string, used: ReadonlySet<string>): RejectReason | null {
  if (parseReceiptNumber(number)?.deviceCode !== deviceCode) return 'receipt-number-foreign';
  if (used.has(number)) return 'receipt-number-reused';
  return null;
}
