/**
 * Receipt numbers are device-scoped and gapless: "<device code>-<6-digit counter>",
 * for example "MSK1-K01-000042". The counter is the device's own, kept in the same
 * local transaction as the sale, so the format is the same online and offline and the
 * server can tell a missing number from one that was never issued.
 */
export const RECEIPT_COUNTER_DIGITS = 6;
const DEVICE_CODE = /^[A-Z0-9]{1,8}(?:-[A-Z0-9]{1,8})?$/;

export function isDeviceCode(code: string): boolean {
  return DEVICE_CODE.test(code);
}

export function formatReceiptNumber(deviceCode: string, counter: number): string {
  if (!isDeviceCode(deviceCode)) throw new RangeError(`not a device code: ${deviceCode}`);
  if (!Number.isSafeInteger(counter) || counter < 1 || counter >= 10 ** RECEIPT_COUNTER_DIGITS) {
    throw new RangeError(`receipt counter out of range: ${counter}`);
  }
  return `${deviceCode}-${String(counter).padStart(RECEIPT_COUNTER_DIGITS, '0')}`;
}

export type ParsedReceiptNumber = { deviceCode: string; counter: number };

export function parseReceiptNumber(text: string): ParsedReceiptNumber | null {
  const match = /^(.+)-(\d{6})$/.exec(text);
  if (!match || !isDeviceCode(match[1]!)) return null;
  const counter = Number(match[2]);
  return counter >= 1 ? { deviceCode: match[1]!, counter } : null;
}

/** A document number people read (a receipt's, a slip's, a statement's), not an id. */
export function isReceiptNumber(text: string): boolean {
  return parseReceiptNumber(text) !== null;
}
