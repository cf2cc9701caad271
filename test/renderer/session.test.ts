import { describe, expect, it } from 'vitest';
import { INITIAL_SESSION, sessionReducer, type Session } from '../../renderer/kiosk/session';
import type { Order } from '../../shared/protocol';

const order = (paid: boolean): Order => ({
  code: '47110004', status: 'ready', customerShortName: 'Иван П.', phoneMasked: '+7 ••• •••-••-67', phoneLast4Hash: 'x', scanSecretHash: null,
  items: [], totalKopecks: 199_000, paid, shelf: 'B4', source: null, updatedAt: '2026-11-30T10:00:00.000Z',
});
const waiting = (paid: boolean): Session => ({ ...INITIAL_SESSION, screen: { name: 'waiting', order: order(paid), verifiedBy: 'qr', brought: false, desk: null } });
const hear = (session: Session, what: 'paid' | 'brought' | 'handed-over' | 'dismissed' | 'offline' | 'online', orderCode = '47110004') =>
  sessionReducer(session, { type: 'pickup', orderCode, what });

/** The waiting screen of the pickup counter, as the kiosk's events move it (session.ts). */
describe('waiting for the goods', () => {
  it('a paid order goes on to the summary when the goods are brought', () => {
    expect(hear(waiting(true), 'brought').screen).toEqual({ name: 'summary', order: order(true), verifiedBy: 'qr' });
  });

  it('an unpaid order needs both the payment and the goods, in either order', () => {
    const paidFirst = hear(waiting(false), 'paid');
    expect(paidFirst.screen).toMatchObject({ name: 'waiting', order: { paid: true }, brought: false });
    expect(hear(paidFirst, 'brought').screen).toMatchObject({ name: 'summary', order: { paid: true } });
    const broughtFirst = hear(waiting(false), 'brought');
    expect(broughtFirst.screen).toMatchObject({ name: 'waiting', order: { paid: false }, brought: true });
    expect(hear(broughtFirst, 'paid').screen).toMatchObject({ name: 'summary' });
  });

  it('staff handing the order over on a tablet ends the wait, or the summary', () => {
    expect(hear(waiting(true), 'handed-over').screen).toEqual({ name: 'staff', reason: 'handed-over' });
    expect(hear(hear(waiting(true), 'brought'), 'handed-over').screen).toEqual({ name: 'staff', reason: 'handed-over' });
  });

  it('losing the server never goes on to confirm goods nobody brought: the wait goes on, and the desk is named; back online, it is a plain wait again', () => {
    for (const paid of [true, false]) {
      const offline = hear(waiting(paid), 'offline');
      expect(offline.screen).toEqual({ name: 'waiting', order: order(paid), verifiedBy: 'qr', brought: false, desk: 'offline' });
      expect(hear(offline, 'online')).toEqual(waiting(paid));
    }
    // The goods brought before the kiosk lost the server: the staff member is here, the customer is not sent away.
    const broughtUnpaid = hear(waiting(false), 'brought');
    expect(hear(broughtUnpaid, 'offline').screen).toMatchObject({ name: 'waiting', brought: true, desk: null });
    expect(hear(hear(broughtUnpaid, 'offline'), 'paid').screen).toMatchObject({ name: 'summary' });
    // Already on the summary, it stays there: the goods are in the customer's hands.
    const summary = hear(waiting(true), 'brought');
    expect(hear(summary, 'offline')).toEqual(summary);
  });

  it('staff taking the wait off their list send the customer to the desk; back online does not undo it; the goods brought after all do', () => {
    const dismissed = hear(waiting(true), 'dismissed');
    expect(dismissed.screen).toMatchObject({ name: 'waiting', desk: 'dismissed' });
    expect(hear(dismissed, 'online')).toEqual(dismissed);
    expect(hear(dismissed, 'brought').screen).toMatchObject({ name: 'summary' });
  });

  it('another order’s event (a late one of an earlier visit), or any other screen, changes nothing', () => {
    const session = waiting(false);
    for (const what of ['paid', 'brought', 'handed-over', 'dismissed', 'offline', 'online'] as const) {
      expect(hear(session, what, '12345678')).toEqual(session);
      expect(hear(INITIAL_SESSION, what)).toEqual(INITIAL_SESSION);
    }
  });
});
