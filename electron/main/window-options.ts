import type { BrowserWindow } from 'electron';

/** The kiosk page's session: its IndexedDB (orders, outbox) lives here and survives restarts. */
export const APP_PARTITION = 'persist:okno';

/**
 * The one place the kiosk window is made, its options one literal so a reviewer (and
 * electronegativity) sees every security switch at once (Electron's security checklist,
 * security.md). The page is sandboxed, isolated from the preload, has no Node anywhere
 * (workers and subframes too), no <webview>, no experimental Blink features, middle-click
 * cannot open anything, and devtools are off once packaged.
 */
export function createKioskWindow(Window: typeof BrowserWindow, options: { preload: string; packaged: boolean }): BrowserWindow {
  return new Window({
    show: false,
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      partition: APP_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !options.packaged,
    },
  });
}
