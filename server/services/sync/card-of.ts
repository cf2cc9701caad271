/**
 * How a kiosk's transaction names a card: by its keyed hash, or (queued before the keyed
 * hash, or a tablet's) by its number. customerRepo.lockBooks finds a book either way.
 */
export function cardOf(payload: { cardHash?: string | undefined; cardNumber?: string | undefined }): string {
  const card = payload.cardHash ?? payload.cardNumber;
  // The payload schemas require exactly one of them; a payload here has passed them.
  if (card === undefined) throw new Error('a card payload without cardHash or cardNumber passed its schema');
  return card;
}
