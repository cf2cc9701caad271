import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { kioskCsp } from '../../shared/protocol/csp';
import { APP_HOST, APP_SCHEME } from './origin';

/**
 * `app://kiosk/kiosk/…` serves the built renderer (dist/kiosk) to the window: never
 * `file://`, which would give the page the whole disk's origin. Registered as standard and
 * secure before the app is ready, so the page gets a real origin, fetch and IndexedDB.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.map': 'application/json',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};

/** The renderer is built with base `/kiosk/` (as the server serves it); the same paths work here. */
const PREFIX = '/kiosk/';

/**
 * The protocol handler: a request → the file under `root`, or 404. The path is decoded
 * and resolved, then must still lie inside `root` (no `..`, encoded or not, no NUL, no
 * other host). Every answer carries the kiosk CSP with the configured server as the only
 * place the page may connect to.
 */
export function createAppProtocolHandler(root: string, serverOrigin: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  // electronegativity-justified: CSP_GLOBAL_CHECK: the scanner finds CSPs only as string
  // literals in webRequest handlers; this one is built (its connect-src is the configured
  // server) and sent with every app:// response here. app-protocol.test.ts reads it back.
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': kioskCsp(serverOrigin),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  const notFound = () => new Response('not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.host.toLowerCase() !== APP_HOST || !url.pathname.startsWith(PREFIX)) return notFound();
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice(PREFIX.length));
    } catch {
      return notFound();
    }
    if (relative.includes('\0') || relative.includes('\\')) return notFound();
    let file = resolve(base, relative === '' ? 'index.html' : relative);
    if (file !== base && !file.startsWith(base + sep)) return notFound();
    try {
      if ((await stat(file)).isDirectory()) file = resolve(file, 'index.html');
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: headers(TYPES[extname(file)] ?? 'application/octet-stream') });
    } catch {
      return notFound();
    }
  };
}
