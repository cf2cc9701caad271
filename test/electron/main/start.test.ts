import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcContract } from '../../../shared/protocol/ipc';
import { decodeEscPos, EPSON_CODE_PAGES } from '../../fakes/escpos-decoder';
import { type FakeElectron, FakeBrowserWindow, createFakeElectron } from '../../fakes/fake-electron';
import { eventually } from '../../support/eventually';
import { sampleDocuments } from '../../shared/documents/sample-documents';

/**
 * The main process as a whole, with `electron` mocked (its binary cannot run here): what
 * `startKiosk` asks of Electron, in order, and what its IPC handlers do behind the contract.
 */
const electron = vi.hoisted(() => ({ current: null as unknown as FakeElectron }));
vi.mock('electron', async () => ({
  BrowserWindow: (await import('../../fakes/fake-electron')).FakeBrowserWindow,
  ...Object.fromEntries(['app', 'Menu', 'dialog', 'ipcMain', 'powerSaveBlocker', 'protocol', 'safeStorage', 'session'].map((name) => [name, new Proxy({}, {
    // Each export forwards to the current test's fake, so every test starts from a fresh Electron.
    get: (_target, key) => {
      const target = (electron.current as unknown as Record<string, Record<string | symbol, unknown>>)[name]!;
      const value = target[key];
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    set: (_target, key, value) => { (electron.current as unknown as Record<string, Record<string | symbol, unknown>>)[name]![key] = value; return true; },
  })])),
}));

const { startKiosk, EXIT_BAD_CONFIG } = await import('../../../electron/main/start');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'okno-main-'));
  electron.current = createFakeElectron({ userData: dir, packaged: true });
  // The main process reports to its log (the journal of systemd); keep the test output readable.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

function writeConfig(config: unknown): string {
  const path = join(dir, 'okno.json');
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

const GOOD = () => ({ serverUrl: 'https://okno.example.ru', printer: { transport: `file:${join(dir, 'paper.bin')}`, model: 'epson-tm-t20iii' } });
const BASE = { serverUrl: 'https://okno.example.ru', printer: { transport: 'tcp:127.0.0.1:9100', model: 'epson-tm-t20iii' } };
const KIOSK_FRAME = { senderFrame: { url: 'app://kiosk/kiosk/', origin: 'app://kiosk', parent: null } };

async function started(config: unknown = GOOD()) {
  const e = electron.current;
  startKiosk({ rendererDir: join(dir, 'kiosk'), preload: join(dir, 'preload.cjs'), config: writeConfig(config) });
  e.app.becomeReady();
  await eventually(async () => FakeBrowserWindow.created[0]?.webContents.loaded.length === 1 || e.app.exit.mock.calls.length > 0, 'the kiosk to start or stop');
  return { e, window: FakeBrowserWindow.created[0] };
}

async function call(e: FakeElectron, name: keyof typeof ipcContract, argument: unknown = {}) {
  return e.ipcHandlers.get(ipcContract[name].channel)!(KIOSK_FRAME, argument);
}

describe('startKiosk', () => {
  it('registers app:// as privileged and turns the sandbox on before the app is ready', () => {
    const e = electron.current;
    startKiosk({ rendererDir: dir, preload: 'p', config: writeConfig(GOOD()) });
    expect(e.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(e.app.enableSandbox).toHaveBeenCalledOnce();
    expect(FakeBrowserWindow.created).toHaveLength(0);
    // The voice is espeak-ng in the main process (speech:say), not Chromium's speech-dispatcher.
    expect(e.app.commandLine.hasSwitch('enable-speech-dispatcher')).toBe(false);
  });

  it('speaks for the page through the main process, and stops when a visit ends', async () => {
    const { e } = await started();
    expect(await call(e, 'speechSay', { text: 'Здравствуйте!', lang: 'ru' })).toMatchObject({ ok: true, value: { speaking: expect.any(Boolean) } });
    expect(await call(e, 'speechStop')).toEqual({ ok: true, value: { stopped: true } });
    expect(await call(e, 'speechSay', { text: '', lang: 'ru' })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('opens one locked-down window on app://, keeps the display awake and registers every channel', async () => {
    const { e, window } = await started();
    expect(window!.options).toMatchObject({ kiosk: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, partition: 'persist:okno' } });
    expect(window!.webContents.loaded).toEqual(['app://kiosk/kiosk/']);
    expect(e.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(window!.menu).toBeNull();
    expect(e.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
    const session = e.sessions.get('persist:okno')!;
    expect(session.handled.has('app')).toBe(true);
    expect(await new Promise((resolve) => session.permissionRequest!({}, 'media', resolve))).toBe(false);
    expect([...e.ipcHandlers.keys()].sort()).toEqual(Object.values(ipcContract).map((c) => c.channel).sort());
    expect(window!.fire('close')).toBe(true);
    window!.emit('ready-to-show');
    expect(window!.shown).toBe(true);
  });

  it.each([
    [{ serverUrl: 'okno.example.ru', printer: { transport: 'tcp:10.0.0.5:9100', model: 'epson-tm-t20iii' } }, /serverUrl: expected the okno server address/],
    [{ serverUrl: 'https://okno.example.ru', printer: { transport: 'usb:1', model: 'epson-tm-t20iii' } }, /printer\.transport: transport "usb:1": expected serial/],
    [{ serverUrl: 'https://okno.example.ru', printer: { transport: 'tcp:10.0.0.5:9100', model: 'epson' } }, /printer\.model: expected one of epson-tm-t20iii/],
    [{ serverUrl: 'https://okno.example.ru' }, /printer: a kiosk needs a printer/],
    [{ ...BASE, idle: { answerSeconds: 10 } }, /idle\.answerSeconds: expected at least 30 seconds/],
    [{ ...BASE, prnter: {} }, /prnter: not a setting okno knows/],
    ['{"serverUrl": "https://okno.example.ru",', /not valid JSON/],
  ])('stops with a message naming the field for a bad configuration (%#)', async (config, message) => {
    const { e, window } = await started(config);
    expect(window).toBeUndefined();
    expect(e.app.exit).toHaveBeenCalledWith(EXIT_BAD_CONFIG);
    expect(e.dialog.showErrorBox).toHaveBeenCalledWith(expect.stringMatching(/not configured/), expect.stringMatching(message));
  });

  it('names the missing file and how to make it', async () => {
    const e = electron.current;
    startKiosk({ rendererDir: dir, preload: 'p', config: join(dir, 'nowhere.json') });
    e.app.becomeReady();
    await eventually(async () => e.app.exit.mock.calls.length > 0, 'the kiosk to stop');
    expect(e.dialog.showErrorBox).toHaveBeenCalledWith(expect.any(String), expect.stringMatching(/nowhere\.json: the file does not exist.*operations\.md/));
  });

  it('refuses to start with a debugging switch when packaged', () => {
    electron.current = createFakeElectron({ packaged: true, switches: ['remote-debugging-port'] });
    startKiosk({ rendererDir: dir, preload: 'p', config: writeConfig(GOOD()) });
    expect(electron.current.app.exit).toHaveBeenCalledWith(1);
  });

  it('ends a visit by clearing cookies and caches of the kiosk partition, never its IndexedDB or localStorage', async () => {
    const { e } = await started();
    expect(await call(e, 'endVisit')).toEqual({ ok: true, value: { cleared: true } });
    const cleared = e.sessions.get('persist:okno')!.cleared;
    expect(cleared).toContainEqual({ storages: expect.arrayContaining(['cookies', 'cachestorage']) });
    const storages = (cleared.find((c) => typeof c === 'object') as { storages: string[] }).storages;
    expect(storages).not.toContain('indexdb');
    expect(storages).not.toContain('localstorage');
    expect(cleared).toContain('cache');
  });

  it('keeps the device token in the keychain-sealed file only, readable by the kiosk user alone', async () => {
    const { e } = await started();
    expect(await call(e, 'loadToken')).toEqual({ ok: true, value: { token: null } });
    expect(await call(e, 'saveToken', { token: 'okd_0123456789abcdef0123' })).toEqual({ ok: true, value: { saved: true } });
    const file = join(dir, 'device-token.bin');
    expect(readFileSync(file, 'utf8')).not.toContain('okd_0123456789abcdef0123');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await call(e, 'loadToken')).toEqual({ ok: true, value: { token: 'okd_0123456789abcdef0123' } });
  });

  it('refuses to keep the token with a plain-text keyring unless the configuration allows it', async () => {
    if (process.platform !== 'linux') return;
    const { e } = await started();
    e.safeStorage.getSelectedStorageBackend = () => 'basic_text' as never;
    expect(await call(e, 'saveToken', { token: 'okd_0123456789abcdef0123' })).toMatchObject({ ok: false, code: 'failed' });
  });

  it('tells staff in the log about a document it was printing when it stopped, and does not resend it', async () => {
    writeFileSync(join(dir, 'print-journal.jsonl'), `${JSON.stringify({ id: 'receipt-42', state: 'sent', at: '2026-11-23T10:00:00Z', copy: false })}\n`);
    const { e } = await started();
    expect(console.log).toHaveBeenCalledWith(expect.stringMatching(/print journal: document receipt-42 is unknown \(interrupted\): check the printer's tray; reprint only as КОПИЯ/));
    expect(await call(e, 'print', { documents: [{ ...sampleDocuments('ru').receipt, id: 'receipt-42' }], copy: false }))
      .toMatchObject({ value: { results: [{ outcome: { ok: false, code: 'maybe-printed' } }] } });
  });

  it('prints what the page sends through the journal to the configured printer', async () => {
    const { e } = await started();
    const receipt = sampleDocuments('ru').receipt;
    expect(await call(e, 'print', { documents: [receipt], copy: false })).toEqual({ ok: true, value: { results: [{ id: receipt.id, outcome: { ok: true, paperNearEnd: false } }] } });
    const text = decodeEscPos(new Uint8Array(readFileSync(join(dir, 'paper.bin'))), EPSON_CODE_PAGES).flatMap((l) => (l.kind === 'text' ? [l.text] : []));
    expect(text.join('\n')).toMatch(/ТОВАРНЫЙ ЧЕК/);
    expect(readFileSync(join(dir, 'print-journal.jsonl'), 'utf8')).toContain(`"id":"${receipt.id}","state":"confirmed"`);
    // The same document again is not printed twice; only a КОПИЯ is.
    expect(await call(e, 'print', { documents: [receipt], copy: false })).toMatchObject({ value: { results: [{ outcome: { ok: false, code: 'already-printed' } }] } });
  });
});
