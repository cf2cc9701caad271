import { contextBridge, ipcRenderer } from 'electron';
import { buildOknoApi } from './api';

/**
 * The sandboxed preload: exposes `window.okno` (named functions from the IPC contract) and
 * nothing else. `ipcRenderer` itself never reaches the page, and event listeners get the
 * value alone, not the IPC event (which carries `sender`).
 */
contextBridge.exposeInMainWorld('okno', buildOknoApi({
  invoke: (channel, argument) => ipcRenderer.invoke(channel, argument),
  on(channel, listener) {
    const wrapped = (_event: Electron.IpcRendererEvent, value: unknown) => listener(value);
    ipcRenderer.on(channel, wrapped);
    return () => { ipcRenderer.removeListener(channel, wrapped); };
  },
}));
