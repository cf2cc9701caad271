import { checkOrderCode } from '../../shared/domain/order-code';
import { phoneLast4Message } from '../../shared/domain/phone-check';
import type { Order } from '../../shared/protocol/catalogue';
import type { Services } from '../app/services';
import { findOrder } from '../flows/find-order';
import { branchHash } from '../hashing/keyed-hash';

export type DeskQuery = { code: string; initial: string; last4: string };
export type DeskFound =
  | { ok: true; orders: Order[] }
  | { ok: false; code: 'query' | 'length' | 'check-digit' | 'not-found' | 'picked-up' | 'cancelled' };

/**
 * The staff member looks an order up on the tablet: by its code (checked first, then the
 * tablet's cache, then the server), or, for a customer without the code, by the first
 * letter of the last name and the phone's last 4 digits. The tablet holds only what the
 * kiosk holds ("Иван П.", a hash of the digits), so the second way hashes the digits with
 * each ready order's code, as the kiosk checks them; it works offline and finds every
 * order that matches, for the staff member to pick with the customer.
 */
export async function findForDesk(services: Pick<Services, 'db' | 'identity' | 'api'>, query: DeskQuery): Promise<DeskFound> {
  const typed = query.code.replace(/\D/g, '');
  if (typed !== '') {
    const checked = checkOrderCode(typed);
    if (!checked.ok) return { ok: false, code: checked.code === 'check-digit' ? 'check-digit' : 'length' };
    const found = await findOrder(services.db, services.identity, services.api, checked.code);
    return found.ok ? { ok: true, orders: [found.order] } : found;
  }
  const initial = foldLetter(query.initial.trim());
  if (!/^\p{L}$/u.test(initial) || !/^\d{4}$/.test(query.last4)) return { ok: false, code: 'query' };
  const ready = await services.db.orders.where('status').equals('ready').toArray();
  const named = ready.filter((o) => foldLetter(lastNameInitial(o.customerShortName)) === initial);
  const hashes = await Promise.all(named.map((o) => branchHash(services.db, phoneLast4Message(o.code, query.last4))));
  const orders = named.filter((o, i) => hashes[i] === o.phoneLast4Hash);
  return orders.length > 0 ? { ok: true, orders } : { ok: false, code: 'not-found' };
}

/** "Иван П." → "П": the short name ends with the last name's initial. */
function lastNameInitial(shortName: string): string {
  return shortName.trim().split(/\s+/).at(-1)?.charAt(0) ?? '';
}

/** Upper case, with Ё read as Е (people and documents write either). */
function foldLetter(letter: string): string {
  return letter.toLocaleUpperCase('ru-RU').replace('Ё', 'Е');
}
