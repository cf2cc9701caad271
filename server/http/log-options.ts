import { maskCard } from '../../shared/domain/mask';

/** A passbook card's number in a path (`/api/v1/admin/customers/2991000000018`): personal, so never logged whole. */
const CARD_IN_URL = /(?<!\d)\d{13}(?!\d)/g;

/** A request's path as the log keeps it: card numbers masked to their last 4 digits. */
export function loggedUrl(url: string): string {
  return url.replace(CARD_IN_URL, (card) => maskCard(card).replace(/\s/g, ''));
}

/**
 * The server's pino options: requests are logged by method, masked path and id, never
 * with headers (tokens) or bodies (what customers typed). Logs carry ids and masked data
 * only (security.md); test/e2e/privacy.test.ts scans a day's logs to hold it so.
 */
export function logOptions(extra: object = {}): object {
  return {
    ...extra,
    serializers: {
      req: (req: { method: string; url: string; id?: string }) => ({ method: req.method, url: loggedUrl(req.url), id: req.id }),
    },
  };
}
