import { BrowserWindow, Menu, app, dialog, ipcMain, powerSaveBlocker, protocol, safeStorage, session } from 'electron';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type PrinterStatus, ipcEvents } from '../../shared/protocol/ipc';
import { PrintJournal } from '../printer/print-journal';
import { findProfile } from '../printer/profiles';
import { createTransport } from '../printer/transport/parse-transport';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { type DeviceConfig, loadDeviceConfig } from './config/device-config';
import { type IpcHandlers, registerIpcHandlers } from './ipc/register';
import { guardSession, guardWindow, lockDownApp } from './lockdown';
import { APP_SCHEME, APP_START_URL } from './origin';
import { CrashRecovery, attachRecovery } from './recovery';
import { PrinterService } from './services/printer-service';
import { SpeechService } from './services/speech-service';
import { endVisit } from './services/visit';
import { SafeStorageVault } from './token-vault';
import { APP_PARTITION, createKioskWindow } from './window-options';

export type KioskPaths = {
  /** dist/kiosk: the built renderer */
  rendererDir: string;
  /** the bundled preload script */
  preload: string;
  /** the configuration file (OKNO_CONFIG, or okno.json in the user data folder) */
  config?: string;
};

/** sysexits EX_CONFIG: the systemd unit does not restart on it (docs/operations.md). */
export const EXIT_BAD_CONFIG = 78;

const log = (line: string) => console.log(`[okno] ${line}`);

/**
 * The composition root of the main process: it only wires the pieces together, in the
 * order Electron needs (privileged scheme and lockdown before `ready`, the rest after).
 */
export function startKiosk(paths: KioskPaths): void {
  const packaged = app.isPackaged;
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  const refusal = lockDownApp(app, packaged);
  if (!refusal.ok) {
    console.error(`[okno] not starting: ${refusal.detail}`);
    app.exit(1);
    return;
  }
  app.whenReady().then(() => openKiosk(paths, packaged)).catch((error: unknown) => {
    console.error('[okno] the kiosk could not start:', error);
    app.exit(1);
  });
}

async function openKiosk(paths: KioskPaths, packaged: boolean): Promise<void> {
  const userData = app.getPath('userData');
  const configPath = paths.config ?? process.env.OKNO_CONFIG ?? join(userData, 'okno.json');
  const loaded = await loadDeviceConfig(configPath);
  if (!loaded.ok) {
    console.error(loaded.detail);
    dialog.showErrorBox('okno: the kiosk is not configured', loaded.detail);
    app.exit(EXIT_BAD_CONFIG);
    return;
  }
  const config = loaded.config;
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');

  const kioskSession = session.fromPartition(APP_PARTITION);
  guardSession(kioskSession);
  kioskSession.protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir, new URL(config.serverUrl).origin));

  const window = createKioskWindow(BrowserWindow, { preload: paths.preload, packaged });
  let closing = false;
  const allowClose = () => { closing = true; app.quit(); };
  // The admin path: `systemctl stop` (SIGTERM) or a service manager. No key or touch closes it.
  process.once('SIGTERM', allowClose);
  process.once('SIGINT', allowClose);
  guardWindow(window, { packaged, closeAllowed: () => closing });
  app.on('second-instance', () => { window.show(); window.focus(); });
  attachRecovery(app, window, new CrashRecovery({
    reload: () => { if (!window.isDestroyed()) void window.loadURL(APP_START_URL); },
    // Under systemd (INVOCATION_ID is set) the unit's Restart=always starts a fresh app inside
    // a fresh cage; a relaunched child of a dying cage would have no screen to show on.
    relaunch: () => { if (!process.env.INVOCATION_ID) app.relaunch(); app.exit(1); },
    log,
  }));

  const journal = await PrintJournal.open(join(userData, 'print-journal.jsonl'), { retentionDays: config.printer?.journalDays ?? 30 });
  // Documents the app was printing when it stopped, or that failed: for staff to check the
  // tray and reprint as КОПИЯ. Nothing is resent by itself.
  for (const entry of journal.needingAttention()) log(`print journal: document ${entry.id} is ${entry.state}${entry.problem ? ` (${entry.problem})` : ''}: check the printer's tray; reprint only as КОПИЯ`);
  const printer = config.printer ? createPrinter(config.printer, journal, (status) => {
    if (status.problem) log(`printer needs staff: ${status.problem}`);
    if (!window.isDestroyed()) window.webContents.send(ipcEvents.printerStatus.channel, status);
  }) : null;
  const vault = new SafeStorageVault(safeStorage, join(userData, 'device-token.bin'), {
    platform: process.platform, allowPlainTextKeyring: config.security.allowPlainTextKeyring,
  });

  const speech = new SpeechService(spawn, log);
  const handlers: IpcHandlers = {
    deviceInfo: async () => ({
      serverUrl: config.serverUrl, role: config.role, language: config.language,
      idle: { warnAfterSeconds: config.idle.warnAfterSeconds, answerSeconds: config.idle.answerSeconds },
      panel: { bottomEdgeCm: config.panel.bottomEdgeCm, scanner: config.panel.scanner },
    }),
    loadToken: async () => ({ token: await vault.load() }),
    saveToken: async ({ token }) => { await vault.save(token); return { saved: true as const }; },
    print: async ({ documents, copy }) => printer
      ? printer.print(documents, copy)
      : { results: documents.map((d) => ({ id: d.id, outcome: { ok: false as const, code: 'offline' as const, phase: 'before' as const } })) },
    printerStatus: async () => printer ? printer.status() : { problem: 'offline' as const, paperNearEnd: false },
    endVisit: async () => { speech.stop(); return endVisit(kioskSession); },
    speechSay: async ({ text, lang }) => speech.say(text, lang),
    speechStop: async () => speech.stop(),
    speechVoices: () => speech.voices(),
  };
  registerIpcHandlers(ipcMain, handlers, log);

  window.once('ready-to-show', () => window.show());
  app.on('before-quit', () => { closing = true; void printer?.close(); });
  // `npm start` on a developer's machine enrols its kiosk with a fresh demo code; a packaged
  // kiosk is enrolled by staff typing the code on its enrolment screen.
  const enrolCode = packaged ? undefined : process.env.OKNO_ENROLL_CODE;
  await window.loadURL(enrolCode ? `${APP_START_URL}?enroll=${encodeURIComponent(enrolCode)}` : APP_START_URL);
}

function createPrinter(settings: NonNullable<DeviceConfig['printer']>, journal: PrintJournal, onStatus: (status: PrinterStatus) => void): PrinterService {
  const lookup = findProfile(settings.model, settings.columns);
  if (!lookup.ok) throw new Error(`printer model ${settings.model} has no profile`); // the config schema allows known models only
  return new PrinterService({
    connect: () => createTransport(settings.transport),
    journal,
    profile: lookup.profile,
    ...(settings.transport.kind === 'serial' ? { baudRate: settings.transport.baudRate } : {}),
    log,
    onStatus,
  });
}
