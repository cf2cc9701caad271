import { cardHashMessage, cardSecretMessage, parseCardCode } from '../../shared/domain/card-code';
import type { Services } from '../app/services';
import { sha256HexAsync } from '../hashing/digest';
import { branchHash } from '../hashing/keyed-hash';
import type { SessionAction } from './session';

/**
 * A scan that is a passbook card's barcode, from any screen (null: not a card's, so it is
 * a pickup code's to read). Only the code with its secret opens the book: the number alone
 * (typed, or an old card's plain barcode) does not, so knowing someone's card number is
 * not enough to print their balance; a person helps instead. The kiosk finds the card by
 * its number's hash keyed with the branch's key (hashing/keyed-hash.ts); it never stores
 * the number. A card it does not know is looked up on the server first (a sync round).
 */
/** How long a scanned card unknown to the kiosk waits for the server before staff are called. */
const LOOKUP_MS = 3_000;

export async function openPassbook(services: Pick<Services, 'db' | 'sync'>, text: string): Promise<SessionAction | null> {
  const card = parseCardCode(text);
  if (!card) return null;
  if (card.kind === 'number-only') return { type: 'fail', screen: { name: 'passbook-scan', error: 'number-only' } };
  const hash = await branchHash(services.db, cardHashMessage(card.cardNumber));
  let book = hash ? await services.db.passbooks.get(hash) : undefined;
  // Not known here: a card issued a moment ago may not have reached this kiosk yet. Ask
  // the server (one sync round, 3 s at most) before the customer is told to wait for staff.
  if (!book && hash && services.sync.getStatus().online !== false) {
    await services.sync.roundNow(LOOKUP_MS);
    book = await services.db.passbooks.get(hash);
  }
  const proven = book?.secretHash != null && book.secretHash === (await sha256HexAsync(cardSecretMessage(card.cardNumber, card.secret)));
  if (!book || !proven) return { type: 'fail', screen: { name: 'passbook-scan', error: 'unknown' } };
  return { type: 'go', screen: { name: 'passbook', cardNumber: card.cardNumber, book, offline: services.sync.getStatus().online === false, recognition: book.preferences ? 'known' : 'ask' } };
}
