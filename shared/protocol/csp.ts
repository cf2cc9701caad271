/**
 * The kiosk page's Content-Security-Policy: its own files only, and network access to
 * nothing but its own server. The server sends it with /kiosk/ (connect-src 'self'); the
 * Electron app:// protocol sends it with the configured server's origin as connect-src.
 */
export function kioskCsp(connectSrc: string): string {
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    `connect-src ${connectSrc}`, "font-src 'self'", "object-src 'none'", "base-uri 'none'",
    "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}
