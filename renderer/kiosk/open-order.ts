import { checkOrderCode } from '../../shared/domain/order-code';
import type { Services } from '../app/services';
import { findOrder } from './find-order';
import type { SessionAction } from './session';

/**
 * A code typed on the keypad or read by the scanner. The check digit is checked first,
 * so a mistyped code never reaches a lookup. A scanned code is proof of the order slip
 * or SMS and goes straight to the order; a typed one is confirmed with the phone digits.
 */
export async function openOrder(services: Pick<Services, 'db' | 'identity' | 'api'>, text: string, via: 'typed' | 'scanned'): Promise<SessionAction> {
  const checked = checkOrderCode(text);
  if (!checked.ok) {
    const error = checked.reason === 'check-digit' ? { kind: 'check-digit' as const } : { kind: 'length' as const, entered: text.replace(/\D/g, '').length };
    return { type: 'fail', screen: { name: 'code', digits: via === 'typed' ? text : '', error } };
  }
  const found = await findOrder(services.db, services.identity, services.api, checked.code);
  if (!found.ok) return { type: 'fail', screen: { name: 'code', digits: via === 'typed' ? text : '', error: { kind: found.reason } } };
  return via === 'scanned'
    ? { type: 'go', screen: { name: 'order', order: found.order, verifiedBy: 'qr' } }
    : { type: 'go', screen: { name: 'phone', order: found.order, digits: '' } };
}
