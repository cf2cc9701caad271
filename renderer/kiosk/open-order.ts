import { checkOrderCode } from '../../shared/domain/order-code';
import { parseScanCode, scanSecretMessage } from '../../shared/domain/scan-code';
import { sha256HexAsync } from '../hashing/digest';
import type { Services } from '../app/services';
import { findOrder } from '../flows/find-order';
import type { SessionAction } from './session';

/**
 * A code typed on the keypad or read by the scanner. The check digit is checked first,
 * so a mistyped code never reaches a lookup. Only a scan that carries the order's
 * secret (the QR of the slip or SMS) proves the customer holds it and goes straight to
 * the order; a typed code, or a bare code from a scanner or a fast keyboard, is
 * confirmed with the phone digits. Failed scans count towards "ask staff" like typed ones;
 * a code too short or too long is only a hint (the customer pressed «Дальше» early).
 */
export async function openOrder(services: Pick<Services, 'db' | 'identity' | 'api'>, text: string, via: 'typed' | 'scanned'): Promise<SessionAction> {
  if (via === 'scanned') return openScanned(services, text);
  const checked = checkOrderCode(text);
  // «Дальше» before all 8 digits are in is a hint, not one of the tries.
  if (!checked.ok && checked.code !== 'check-digit') return { type: 'go', screen: { name: 'code', digits: text, error: { kind: 'length', entered: text.replace(/\D/g, '').length } } };
  if (!checked.ok) return { type: 'fail', screen: { name: 'code', digits: text, error: { kind: 'check-digit' } } };
  const found = await findOrder(services.db, services.identity, services.api, checked.code);
  if (!found.ok) return { type: 'fail', screen: { name: 'code', digits: text, error: { kind: found.code } } };
  return { type: 'go', screen: { name: 'phone', order: found.order, digits: '' } };
}

async function openScanned(services: Pick<Services, 'db' | 'identity' | 'api'>, text: string): Promise<SessionAction> {
  const scan = parseScanCode(text);
  if (!scan) return { type: 'fail', screen: { name: 'code', digits: '', error: { kind: 'scan-unknown' } } };
  const found = await findOrder(services.db, services.identity, services.api, scan.orderCode);
  if (!found.ok) return { type: 'fail', screen: { name: 'code', digits: '', error: { kind: found.code } } };
  if (scan.kind === 'code-only') return { type: 'go', screen: { name: 'phone', order: found.order, digits: '' } };
  const proven = found.order.scanSecretHash !== null && found.order.scanSecretHash === (await sha256HexAsync(scanSecretMessage(scan.orderCode, scan.secret)));
  return proven
    ? { type: 'go', screen: { name: 'order', order: found.order, verifiedBy: 'qr' } }
    : { type: 'fail', screen: { name: 'code', digits: '', error: { kind: 'scan-mismatch' } } };
}
