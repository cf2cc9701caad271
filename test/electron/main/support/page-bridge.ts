import type { IpcMainInvokeEvent } from 'electron';
import { registerIpcHandlers } from '../../../../electron/main/ipc/register';
import type { PrinterService } from '../../../../electron/main/services/printer-service';
import { buildOknoApi } from '../../../../electron/preload/api';
import { ElectronBridge } from '../../../../renderer/bridge/electron-bridge';

/**
 * The kiosk page's ElectronBridge wired to a main process's printer service as Electron
 * would: the preload's API → IPC (structured clone both ways) → the handler → the service.
 * `toPage` carries the main process's pushes (the printer's status) to the page.
 */
export function pageBridgeFor(service: PrinterService): { bridge: ElectronBridge; toPage: Set<(value: unknown) => void> } {
  const toPage = new Set<(value: unknown) => void>();
  const handlers = new Map<string, (event: IpcMainInvokeEvent, argument: unknown) => Promise<unknown>>();
  registerIpcHandlers({ handle: (channel, handler) => { handlers.set(channel, handler); } }, {
    deviceInfo: async () => { throw new Error('unused'); },
    loadToken: async () => ({ token: null }),
    saveToken: async () => ({ saved: true as const }),
    print: ({ documents, copy }) => service.print(documents, copy),
    printerStatus: () => service.status(),
    endVisit: async () => ({ cleared: true as const }),
    speechSay: async () => ({ speaking: false }),
    speechStop: async () => ({ stopped: true as const }),
    speechVoices: async () => ({ ru: false, en: false }),
  });
  const frame = { url: 'app://kiosk/kiosk/', origin: 'app://kiosk', parent: null };
  const bridge = new ElectronBridge(buildOknoApi({
    invoke: async (channel, argument) => structuredClone(await handlers.get(channel)!({ senderFrame: frame } as unknown as IpcMainInvokeEvent, structuredClone(argument))),
    on: (_channel, listener) => { toPage.add(listener); return () => { toPage.delete(listener); }; },
  }));
  return { bridge, toPage };
}
