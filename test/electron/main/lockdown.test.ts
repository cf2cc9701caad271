import type { App, BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardContents, guardSession, guardWindow, isBlockedKey, lockDownApp } from '../../../electron/main/lockdown';
import { isAppUrl } from '../../../electron/main/origin';
import { createKioskWindow } from '../../../electron/main/window-options';
import { FakeBrowserWindow, FakeSession, FakeWebContents, createFakeElectron } from '../../fakes/fake-electron';

/** security.md, the Electron table: one test per row that lives in the main process. */
function windowOptions(packaged: boolean): BrowserWindowConstructorOptions {
  const window = createKioskWindow(FakeBrowserWindow as unknown as typeof BrowserWindow, { preload: '/app/preload.cjs', packaged });
  return (window as unknown as FakeBrowserWindow).options;
}

describe('the kiosk window options', () => {
  it('isolate and sandbox the page, with no Node anywhere, no webview, no experiments', () => {
    const options = windowOptions(true);
    expect(options.webPreferences).toEqual(expect.objectContaining({
      preload: '/app/preload.cjs',
      contextIsolation: true, sandbox: true, webSecurity: true,
      nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false,
      devTools: false, disableBlinkFeatures: 'Auxclick',
    }));
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(options.webPreferences).not.toHaveProperty('additionalArguments');
    expect(options).toEqual(expect.objectContaining({ kiosk: true, fullscreen: true, frame: false }));
  });

  it('allow devtools only when not packaged (a developer at their desk)', () => {
    expect(windowOptions(false).webPreferences?.devTools).toBe(true);
  });
});

describe('lockDownApp', () => {
  it('turns on the sandbox for every renderer and takes the single-instance lock', () => {
    const e = createFakeElectron();
    expect(lockDownApp(e.app as unknown as App, true)).toEqual({ ok: true });
    expect(e.app.enableSandbox).toHaveBeenCalledOnce();
    expect(e.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
  });

  it.each(['remote-debugging-port', 'inspect', 'inspect-brk', 'remote-debugging-pipe'])('refuses --%s on a packaged kiosk', (name) => {
    const e = createFakeElectron({ switches: [name] });
    expect(lockDownApp(e.app as unknown as App, true)).toEqual({ ok: false, code: 'debug-switch', detail: expect.stringContaining(`--${name}`) });
  });

  it('lets a developer debug an unpackaged build', () => {
    const e = createFakeElectron({ switches: ['remote-debugging-port'] });
    expect(lockDownApp(e.app as unknown as App, false).ok).toBe(true);
  });

  it('refuses to start a second kiosk on the same PC', () => {
    const e = createFakeElectron({ singleInstance: false });
    expect(lockDownApp(e.app as unknown as App, true)).toEqual({ ok: false, code: 'second-instance', detail: expect.stringMatching(/already running/) });
  });

  it('guards every web contents created later', () => {
    const e = createFakeElectron();
    lockDownApp(e.app as unknown as App, true);
    const contents = new FakeWebContents();
    e.app.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/kiosk/' })).toEqual({ action: 'deny' });
  });
});

describe('navigation is limited to app://kiosk, by parsed origin', () => {
  const contents = new FakeWebContents();
  guardContents(contents as unknown as WebContents);

  it.each([
    'app://kiosk/kiosk/', 'app://kiosk/kiosk/assets/index.js', 'APP://KIOSK/kiosk/',
  ])('allows %s', (url) => {
    expect(contents.fire('will-navigate', url)).toBe(false);
    expect(contents.fire('will-redirect', url)).toBe(false);
  });

  it.each([
    'https://app.evil/', 'https://app.evil/?app://kiosk/', 'app://kiosk.evil/kiosk/', 'app://kiosk@evil.example/',
    'app://evil/app://kiosk/', 'http://kiosk/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi',
    'app://user:pw@kiosk/kiosk/', 'not a url', '',
  ])('refuses %s', (url) => {
    expect(contents.fire('will-navigate', url)).toBe(true);
    expect(contents.fire('will-redirect', url)).toBe(true);
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses every <webview> and every new window', () => {
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/kiosk/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'usb', 'serial', 'hid', 'fullscreen', 'openExternal'])('denies a request for %s', async (permission) => {
    const session = new FakeSession('persist:okno');
    guardSession(session as unknown as Session);
    const granted = await new Promise<boolean>((resolve) => session.permissionRequest!({}, permission, resolve));
    expect(granted).toBe(false);
    expect(session.permissionCheck!({}, permission, 'app://kiosk')).toBe(false);
    expect(session.devicePermission!({ deviceType: permission })).toBe(false);
  });
});

describe('the kiosk window', () => {
  function guarded(packaged: boolean) {
    let allowed = false;
    const window = new FakeBrowserWindow({});
    guardWindow(window as unknown as BrowserWindow, { packaged, closeAllowed: () => allowed });
    return { window, allowClose: () => { allowed = true; } };
  }
  const key = (key: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
    ({ type: 'keyDown', key, control: false, meta: false, alt: false, shift: false, ...mods });

  it('has no menu and no pinch zoom', () => {
    const { window } = guarded(true);
    expect(window.menu).toBeNull();
    expect(window.webContents.zoomLimits).toEqual([1, 1]);
  });

  it.each([
    ['F5', {}], ['r', { control: true }], ['R', { control: true, shift: true }], ['w', { control: true }], ['q', { meta: true }],
    ['F4', { alt: true }], ['F11', {}], ['F12', {}], ['i', { control: true, shift: true }], ['j', { control: true, shift: true }],
    ['+', { control: true }], ['-', { control: true }], ['0', { control: true }], ['p', { control: true }], ['Alt', { alt: true }],
    ['ArrowLeft', { alt: true }], ['BrowserBack', {}],
  ] as const)('blocks %s %o', (name, mods) => {
    const { window } = guarded(true);
    expect(window.webContents.fire('before-input-event', key(name, mods))).toBe(true);
  });

  it.each(['1', '9', 'Enter', 'Backspace', 'Tab', 'Escape', 'ArrowDown', ' '])('lets the page have %s (keypads, scanners, keyboard users)', (name) => {
    const { window } = guarded(true);
    expect(window.webContents.fire('before-input-event', key(name))).toBe(false);
    expect(isBlockedKey({ ...key(name), type: 'keyUp' })).toBe(false);
  });

  it('does not close until the admin path allows it', () => {
    const { window, allowClose } = guarded(true);
    expect(window.fire('close')).toBe(true);
    allowClose();
    expect(window.fire('close')).toBe(false);
  });

  it('closes devtools at once when packaged, and leaves them to a developer otherwise', () => {
    const packaged = guarded(true).window;
    packaged.webContents.emit('devtools-opened');
    expect(packaged.webContents.devToolsClosed).toBe(1);
    const dev = guarded(false).window;
    dev.webContents.emit('devtools-opened');
    expect(dev.webContents.devToolsClosed).toBe(0);
  });
});
