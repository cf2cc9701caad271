import { APP_HOST, APP_SCHEME, KIOSK_APP_ORIGIN } from '../../shared/protocol/origins';

/**
 * The kiosk page's own origin. Decisions about navigation and IPC senders parse the URL
 * and compare scheme and host (hosts case-insensitively) exactly: a prefix or substring
 * test would let `app://kiosk.evil` or `https://app.evil/?app://kiosk` through.
 */
export { APP_HOST, APP_SCHEME };
export const APP_START_URL = `${KIOSK_APP_ORIGIN}/kiosk/`;

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host.toLowerCase() === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
