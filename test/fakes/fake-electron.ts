import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module, which cannot run here (its binary is not
 * installed). It records what the main process asks of Electron, so tests check the
 * calls and drive the events (navigation, keys, crashes) a real Electron would emit.
 * Only the parts okno uses are here.
 */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: { channel: string; value: unknown }[] = [];
  readonly loaded: string[] = [];
  zoomLimits: [number, number] | null = null;
  devToolsClosed = 0;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) { this.windowOpenHandler = handler; }
  send(channel: string, value: unknown) { this.sent.push({ channel, value: structuredClone(value) }); }
  async setVisualZoomLevelLimits(min: number, max: number) { this.zoomLimits = [min, max]; }
  closeDevTools() { this.devToolsClosed++; }
  /** emits like Electron: returns whether a listener called preventDefault */
  fire(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => { prevented = true; } }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  menu: unknown = 'default';
  shown = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }
  setMenu(menu: unknown) { this.menu = menu; }
  show() { this.shown = true; }
  focus() {}
  isDestroyed() { return this.destroyed; }
  async loadURL(url: string) { this.webContents.loaded.push(url); }
  fire(event: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => { prevented = true; } });
    return prevented;
  }
}

export class FakeSession {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  devicePermission: ((...args: unknown[]) => boolean) | null = null;
  readonly handled = new Map<string, (request: Request) => Promise<Response>>();
  readonly protocol = { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => { this.handled.set(scheme, handler); } };
  readonly cleared: unknown[] = [];
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']) { this.permissionRequest = handler; }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']) { this.permissionCheck = handler; }
  setDevicePermissionHandler(handler: FakeSession['devicePermission']) { this.devicePermission = handler; }
  async clearStorageData(options: unknown) { this.cleared.push(options); }
  async clearCache() { this.cleared.push('cache'); }
  async clearAuthCache() { this.cleared.push('auth'); }
}

export function createFakeElectron(options: { packaged?: boolean; switches?: string[]; singleInstance?: boolean; userData?: string } = {}) {
  const sessions = new Map<string, FakeSession>();
  const handlers = new Map<string, (event: unknown, argument: unknown) => Promise<unknown>>();
  let ready: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => { ready = resolve; });
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.packaged ?? true,
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => options.singleInstance ?? true),
    commandLine: {
      switches: [...(options.switches ?? [])],
      hasSwitch(name: string) { return this.switches.includes(name); },
      appendSwitch(name: string) { this.switches.push(name); },
    },
    whenReady: () => readyPromise,
    getPath: (name: string) => (name === 'userData' ? options.userData ?? '/nonexistent' : '/tmp'),
    exit: vi.fn(),
    quit: vi.fn(),
    relaunch: vi.fn(),
    /** test helper: Electron's `ready` */
    becomeReady: () => ready(),
  });
  FakeBrowserWindow.created.length = 0;
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    ipcMain: { handle: (channel: string, handler: (event: unknown, argument: unknown) => Promise<unknown>) => { handlers.set(channel, handler); } },
    ipcHandlers: handlers,
    session: { fromPartition: (partition: string) => sessions.get(partition) ?? sessions.set(partition, new FakeSession(partition)).get(partition)! },
    sessions,
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret' as const,
      encryptString: (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
      decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
    },
  };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;
