/**
 * Where a page in a plain browser finds its server: its own origin, as when the server
 * serves it; or, for a page served from elsewhere (another port, a host of its own), the
 * address it was first opened with as `?server=https://okno.lan`, kept for every later
 * load (the enrolment link carries it once). Electron's kiosk has its server in its
 * configuration and never asks this.
 */
const KEY = 'okno.serverUrl';

export function browserServerUrl(params: URLSearchParams, storage: Pick<Storage, 'getItem' | 'setItem'> | null, pageOrigin: string): string {
  const given = params.get('server');
  if (given) {
    const origin = originOf(given);
    if (origin) {
      storage?.setItem(KEY, origin);
      return origin;
    }
  }
  return originOf(storage?.getItem(KEY) ?? '') ?? pageOrigin;
}

/** The origin of an http(s) address, or null for anything else. */
function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}
