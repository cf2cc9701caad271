import type { BrowserWindowConstructorOptions } from 'electron';

/** The kiosk page's session: its IndexedDB (orders, outbox) lives here and survives restarts. */
export const APP_PARTITION = 'persist:okno';

/**
 * The one place the kiosk window's options are written, as one literal so a reviewer sees
 * every security switch at once (Electron's security checklist, security.md). The page is
 * sandboxed, isolated from the preload, has no Node anywhere (workers and subframes too),
 * no <webview>, no experimental or Blink features, and no devtools once packaged.
 */
export function kioskWindowOptions(options: { preload: string; packaged: boolean }): BrowserWindowConstructorOptions {
  return {
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
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !options.packaged,
    },
  };
}
