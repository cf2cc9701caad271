/**
 * Exponential backoff with full jitter, capped: 1 s, 2 s, 4 s … up to 60 s, each a random
 * point below the cap so that a branch's kiosks do not all retry in the same second after
 * the server comes back.
 */
export function backoffDelay(failures: number, random: () => number, baseMs = 1000, capMs = 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(baseMs / 2, Math.round(ceiling * random()));
}

/**
 * The wait after a failed round: the backoff, or longer when the server said how long it
 * is busy (Retry-After). Every device told at once would come back in the same second, so
 * each adds a random part of up to half of it. Never past the cap: a proxy's maintenance
 * page saying "a day" must not stop a kiosk's sync for a day.
 */
export function retryDelay(failures: number, random: () => number, retryAfterMs?: number, capMs = 60_000): number {
  const backoff = backoffDelay(failures, random, 1000, capMs);
  return retryAfterMs === undefined ? backoff : Math.min(capMs, Math.max(backoff, Math.round(retryAfterMs * (1 + random() / 2))));
}
