import { describe, expect, it } from 'vitest';
import { staffMessages } from '../../shared/i18n/staff-messages';
import type { Rejection } from '../../shared/protocol/rejections';
import { correctionOf, rejectionLine } from '../../renderer/staff/backoffice/rejection-words';

const base: Rejection = {
  transactionId: '0193a000-0000-7000-8000-000000000001', kind: 'order.pickedUp', device: 'MSK1-K02', place: 'у входа',
  occurredAt: '2026-11-30T11:05:00Z', receivedAt: '2026-11-30T11:20:00Z', reason: 'already-picked-up', subject: '47110004',
  order: { status: 'picked_up', pickedUpAt: '2026-11-30T11:02:00Z', pickedUpDevice: 'MSK1-K01', pickedUpTx: '0193a000-0000-7000-8000-000000000002' },
  resolution: null,
};
// The machine's time zone decides the clock times: compare with the same formatting.
const clock = (iso: string, lang: 'ru' | 'en') => new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const now = new Date('2026-11-30T12:00:00Z');

describe('a refused transaction in plain words', () => {
  it('names the order, the kiosk, and where and when the order was handed over before, today as times only', () => {
    expect(rejectionLine(staffMessages('ru'), base, 'ru', now))
      .toBe(`Выдача заказа 4711 0004 (киоск MSK1-K02, ${clock(base.occurredAt, 'ru')}): заказ уже выдан на киоске MSK1-K01 в ${clock('2026-11-30T11:02:00Z', 'ru')}`);
    expect(rejectionLine(staffMessages('en'), base, 'en', now))
      .toBe(`Order handover 4711 0004 (kiosk MSK1-K02, ${clock(base.occurredAt, 'en')}): the order was already handed over at kiosk MSK1-K01 at ${clock('2026-11-30T11:02:00Z', 'en')}`);
  });

  it('gives another day’s times with their date, a tablet as a tablet, and other reasons in their own words', () => {
    const line = rejectionLine(staffMessages('ru'), { ...base, device: 'MSK1-T03', kind: 'sale.refunded', subject: 'MSK1-T03-000012', reason: 'over-refund', order: null, occurredAt: '2026-11-28T09:00:00Z' }, 'ru', now);
    expect(line).toMatch(/^Возврат MSK1-T03-000012 \(планшет MSK1-T03, 28\.11\.2026 \d\d:\d\d\): это уже вернули \(возможно, на другом планшете\)$/);
    expect(rejectionLine(staffMessages('ru'), { ...base, reason: 'order-cancelled', order: { ...base.order!, status: 'cancelled', pickedUpAt: null, pickedUpDevice: null, pickedUpTx: null } }, 'ru', now))
      .toMatch(/: магазин отменил заказ$/);
  });

  it('offers as a correction only a handover made after the refused one, never the one that caused the refusal', () => {
    expect(correctionOf(base)).toBeNull(); // handed over at 11:02, before the kiosk's 11:05
    expect(correctionOf({ ...base, order: { ...base.order!, pickedUpAt: '2026-11-30T11:30:00Z', pickedUpDevice: 'MSK1-T01' } }))
      .toEqual({ transactionId: base.order!.pickedUpTx, device: 'MSK1-T01' });
    expect(correctionOf({ ...base, order: { ...base.order!, pickedUpTx: base.transactionId, pickedUpAt: '2026-11-30T11:30:00Z' } })).toBeNull();
    expect(correctionOf({ ...base, order: null })).toBeNull();
  });
});
