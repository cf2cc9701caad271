import type { IpcMainInvokeEvent } from 'electron';
import { type IpcName, type IpcReply, type IpcRequest, type IpcResponse, describeIssues, ipcContract } from '../../../shared/protocol/ipc';
import { isAppUrl } from '../origin';

/** The services behind the channels: plain functions, so they are tested without Electron. */
export type IpcHandlers = { [N in IpcName]: (request: IpcRequest<N>) => Promise<IpcResponse<N>> };

export type IpcMainLike = { handle(channel: string, listener: (event: IpcMainInvokeEvent, argument: unknown) => Promise<IpcReply>): void };

/**
 * Registers one handler per contract channel. Each checks that the call comes from the
 * kiosk page's own frame (`event.senderFrame`, parsed: not a subframe or another origin),
 * parses the argument with the shared schema, and only then calls the service. Nothing is
 * thrown across IPC: outcomes come back as `IpcReply` values.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: IpcHandlers, log: (line: string) => void = () => {}): void {
  for (const name of Object.keys(ipcContract) as IpcName[]) {
    const spec = ipcContract[name];
    ipcMain.handle(spec.channel, async (event, argument): Promise<IpcReply> => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
        log(`ipc ${name}: refused a call from ${frame ? frame.origin || 'a frame without origin' : 'a frame already gone'}`);
        return { ok: false, code: 'refused', detail: 'not the kiosk page' };
      }
      const parsed = spec.request.safeParse(argument);
      if (!parsed.success) {
        return { ok: false, code: 'invalid', detail: describeIssues(parsed.error) };
      }
      try {
        const handler = handlers[name] as (request: unknown) => Promise<unknown>;
        return { ok: true, value: spec.response.parse(await handler(parsed.data)) };
      } catch (error) {
        log(`ipc ${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
        return { ok: false, code: 'failed', detail: 'the kiosk could not do that; see the device log' };
      }
    });
  }
}
