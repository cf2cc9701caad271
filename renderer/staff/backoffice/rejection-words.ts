import { formatDateTime } from '../../../shared/domain/datetime';
import type { Lang } from '../../../shared/domain/money';
import { formatOrderCode } from '../../../shared/domain/order-code';
import type { StaffMessages } from '../../../shared/i18n/staff-messages';
import type { Rejection } from '../../../shared/protocol/rejections';

/**
 * A refused transaction in plain words, with what staff need to find it: «Выдача заказа
 * 4711 0004 (киоск MSK1-K02, 30.11.2026 14:05): заказ уже выдан на киоске MSK1-K01 в
 * 30.11.2026 14:02». The facts (where and when the order was handed over) are the server's.
 */
export function rejectionLine(t: StaffMessages, r: Rejection, lang: Lang, now = new Date()): string {
  // Today's times as times; another day's with the date.
  const today = formatDateTime(now.toISOString(), lang).replace(/\s*\d\d:\d\d$/, '');
  const at = (iso: string) => formatDateTime(iso, lang).replace(today, '').trim().replace(/^,\s*/, '');
  const subject = !r.subject ? '' : /^\d{8}$/.test(r.subject) ? formatOrderCode(r.subject) : /^[0-9a-f-]{36}$/.test(r.subject) ? r.subject.slice(0, 8) : r.subject;
  const why = r.reason === 'already-picked-up' && r.order?.pickedUpDevice && r.order.pickedUpAt
    ? t.rejectionPickedUpAt(t.deviceOn(r.order.pickedUpDevice), at(r.order.pickedUpAt))
    : t.rejectReason(r.reason);
  return t.rejectionLine(t.kindText(r.kind), subject, t.deviceName(r.device), at(r.occurredAt), why);
}

/**
 * The handover a supervisor can point at as the correction: the order's, made after the
 * refused transaction (a handover redone at the desk). One made before it is the reason it
 * was refused (picked up twice), not a correction.
 */
export function correctionOf(r: Rejection): { transactionId: string; device: string } | null {
  const o = r.order;
  if (!o || o.status !== 'picked_up' || !o.pickedUpTx || !o.pickedUpDevice || !o.pickedUpAt) return null;
  return o.pickedUpTx !== r.transactionId && Date.parse(o.pickedUpAt) > Date.parse(r.occurredAt) ? { transactionId: o.pickedUpTx, device: o.pickedUpDevice } : null;
}
