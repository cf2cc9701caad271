import { type IpcName, IpcReply, type OknoApi, describeIssues, ipcContract, ipcEvents } from '../../shared/protocol/ipc';

/** A refused or failed call, as the page sees it. */
export class IpcCallError extends Error {
  constructor(readonly call: IpcName, readonly code: 'refused' | 'invalid' | 'failed', message: string) {
    super(`${call}: ${message}`);
    this.name = 'IpcCallError';
  }
}

/** The two things the preload needs from `ipcRenderer`, so the API can be tested without Electron. */
export type PreloadIpc = {
  invoke(channel: string, argument: unknown): Promise<unknown>;
  /** subscribes to a main-process event; the listener gets the value only, never the IPC event */
  on(channel: string, listener: (value: unknown) => void): () => void;
};

/**
 * Builds `window.okno` from the contract: one named function per channel, each parsing
 * its request before sending and the reply after, so the page gets exactly the typed values
 * the contract promises and never `ipcRenderer` itself.
 */
export function buildOknoApi(ipc: PreloadIpc): OknoApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(ipcContract) as IpcName[]) {
    const spec = ipcContract[name];
    api[name] = async (request: unknown) => {
      const parsed = spec.request.safeParse(request ?? {});
      if (!parsed.success) throw new IpcCallError(name, 'invalid', describeIssues(parsed.error));
      const reply = IpcReply.parse(await ipc.invoke(spec.channel, parsed.data));
      if (!reply.ok) throw new IpcCallError(name, reply.code, reply.detail);
      return spec.response.parse(reply.value);
    };
  }
  api.onPrinterStatus = (listener: (status: unknown) => void) =>
    ipc.on(ipcEvents.printerStatus.channel, (value) => {
      const parsed = ipcEvents.printerStatus.value.safeParse(value);
      if (parsed.success) listener(parsed.data);
    });
  return Object.freeze(api) as OknoApi;
}
