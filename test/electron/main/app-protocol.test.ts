import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../../../electron/main/app-protocol';

/** security.md: pages come from app://, registered standard and secure, never file://; traversal refused. */
const parent = mkdtempSync(join(tmpdir(), 'okno-app-'));
const root = join(parent, 'kiosk');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>okno</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(parent, 'secret.txt'), 'device token');
writeFileSync(join(parent, 'kiosk-other.txt'), 'sibling folder with the same prefix');
const handle = createAppProtocolHandler(root, 'https://okno.example.ru');
const get = (url: string) => handle(new Request(url));

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme with fetch', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves the kiosk page with a CSP that allows its own files and its server only', async () => {
    const res = await get('app://kiosk/kiosk/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>okno</title>');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('connect-src https://okno.example.ru');
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their type', async () => {
    const res = await get('app://kiosk/kiosk/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it.each([
    'app://kiosk/kiosk/../secret.txt',
    'app://kiosk/kiosk/%2e%2e/secret.txt',
    'app://kiosk/kiosk/..%2fsecret.txt',
    'app://kiosk/kiosk/%2e%2e%2fsecret.txt',
    'app://kiosk/kiosk/assets/..%2f..%2fsecret.txt',
    'app://kiosk/kiosk/..%5csecret.txt',
    'app://kiosk/kiosk/%2fetc%2fpasswd',
    'app://kiosk/kiosk//etc/passwd',
    'app://kiosk/kiosk/index.html%00.js',
    'app://kiosk/kiosk/%E0%A4%A',
    'app://kiosk/kiosk/..%2fkiosk-other.txt',
    'app://evil/kiosk/index.html',
    'app://kiosk/secret.txt',
    'app://kiosk/kiosk/missing.js',
  ])('answers 404 to %s and reveals nothing', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('not found');
  });
});
