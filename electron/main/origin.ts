/**
 * The kiosk page's own origin. Decisions about navigation and IPC senders parse the URL
 * and compare scheme and host (hosts are case-insensitive) exactly: a prefix or substring test would let
 * `app://kiosk.evil` or `https://app.evil/?app://kiosk` through.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
// KIOSK_APP_ORIGIN (shared/protocol/origins.ts) is this scheme and host: the server allows it.
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/kiosk/`;

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
