import { CONSENT_VERSION } from '../../shared/domain/consent';
import type { RememberedPrefs } from '../../shared/protocol';
import type { PassbookRow } from '../db/kiosk-db';
import type { LocalChanges } from '../db/local-changes';

/**
 * The card holder's «Да» (their settings remembered, with the consent's time and version)
 * or «Забыть меня» (null: erased), queued as customer.preferences and kept on this kiosk at
 * once; the other kiosks follow through their next pull. The transaction names the card by
 * its keyed hash, as the kiosk holds it: the outbox keeps no card number. Returns the book
 * as it now is.
 */
export async function setRemembered(changes: LocalChanges, input: { book: PassbookRow; preferences: RememberedPrefs | null; now?: Date }): Promise<PassbookRow> {
  const now = input.now ?? changes.now();
  const book: PassbookRow = { ...input.book, preferences: input.preferences };
  await changes.run([changes.db.passbooks], async (change) => {
    await change.enqueue('customer.preferences', {
      cardHash: input.book.cardHash, preferences: input.preferences,
      consent: input.preferences ? { at: now.toISOString(), version: CONSENT_VERSION } : null,
    });
    await changes.db.passbooks.put(book);
  }, now);
  return book;
}
