import type { App, BrowserWindow, Input, Session, WebContents } from 'electron';
import { isAppUrl } from './origin';

/**
 * The kiosk stands unattended in a public place: whatever a customer presses, drags or
 * plugs in, the page stays the kiosk page. Each function here is one layer; `main.ts`
 * applies all of them.
 */

/** Switches that would let someone attach a debugger to a packaged kiosk. */
const DEBUG_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk', 'js-flags'];

/** debug-switch: a packaged kiosk was started with a debugging switch; second-instance: one is running already. */
export type StartRefusal = { ok: true } | { ok: false; code: 'debug-switch' | 'second-instance'; detail: string };

/**
 * Before `ready`: the sandbox for every renderer, one instance only, and no debugging
 * switches when packaged. Returns a refusal (a value: main.ts logs it and quits) rather
 * than starting a kiosk someone could inspect.
 */
export function lockDownApp(app: App, packaged: boolean): StartRefusal {
  app.enableSandbox();
  if (packaged) {
    const found = DEBUG_SWITCHES.find((s) => app.commandLine.hasSwitch(s));
    if (found) return { ok: false, code: 'debug-switch', detail: `started with --${found}: debugging switches are refused on a packaged kiosk` };
  }
  if (!app.requestSingleInstanceLock()) return { ok: false, code: 'second-instance', detail: 'another okno kiosk is already running on this PC' };
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  return { ok: true };
}

/** Every web contents: navigation only within app://kiosk, no new windows, no <webview>. */
export function guardContents(contents: WebContents): void {
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The kiosk asks for no permission (camera, microphone, location, notifications, USB…): all are denied. */
export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Keys that would reload, close, zoom, print from the browser, open devtools or the menu.
 * The page handles its own keys (digits, Enter, Tab, arrows, Escape for dialogs).
 */
export function isBlockedKey(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh', 'browserhome', 'zoomin', 'zoomout'].includes(key)) return true;
  if (input.alt && (key === 'f4' || key === 'arrowleft' || key === 'arrowright' || key === 'home')) return true;
  if (key === 'alt' || key === 'contextmenu') return true;
  if (mod && ['r', 'w', 'q', 'n', 't', 'p', 's', 'o', 'u', 'f', 'g', 'h', 'j', 'l', '+', '=', '-', '_', '0'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c', 'delete'].includes(key)) return true;
  return false;
}

/**
 * The window itself: no menu, blocked keys, no pinch zoom, no devtools when packaged, and
 * closing only when `closeAllowed()` says so (the admin path: a service stop, see main.ts).
 */
export function guardWindow(window: BrowserWindow, options: { packaged: boolean; closeAllowed: () => boolean }): void {
  window.setMenu(null);
  const contents = window.webContents;
  contents.on('before-input-event', (event, input) => {
    if (isBlockedKey(input)) event.preventDefault();
  });
  void contents.setVisualZoomLevelLimits(1, 1);
  if (options.packaged) contents.on('devtools-opened', () => contents.closeDevTools());
  window.on('close', (event) => {
    if (!options.closeAllowed()) event.preventDefault();
  });
}
