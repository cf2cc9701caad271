import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { type IpcHandlers, registerIpcHandlers } from '../../../electron/main/ipc/register';
import { IpcCallError, buildOknoApi } from '../../../electron/preload/api';
import { ipcContract, ipcEvents } from '../../../shared/protocol/ipc';
import { sampleDocuments } from '../../shared/documents/sample-documents';

/**
 * security.md: every handler checks the sender's frame and parses its argument with the
 * shared schemas; the preload exposes named functions only; callbacks get values only.
 * A fake IPC pair stands in for Electron's: arguments and replies cross it by structured
 * clone, as they do between processes.
 */
type Frame = { url: string; origin: string; parent: Frame | null } | null;

function ipcPair(frame: () => Frame) {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, argument: unknown) => Promise<unknown>>();
  const listeners = new Map<string, Set<(event: unknown, value: unknown) => void>>();
  const ipcMain = { handle: (channel: string, handler: (event: IpcMainInvokeEvent, argument: unknown) => Promise<unknown>) => { handlers.set(channel, handler); } };
  const ipcRenderer = {
    async invoke(channel: string, argument: unknown) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      const event = { senderFrame: frame(), sender: { id: 1 } } as unknown as IpcMainInvokeEvent;
      return structuredClone(await handler(event, structuredClone(argument)));
    },
    on(channel: string, listener: (value: unknown) => void) {
      const wrapped = (_event: unknown, value: unknown) => listener(value);
      (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(wrapped);
      return () => { listeners.get(channel)?.delete(wrapped); };
    },
  };
  const sendFromMain = (channel: string, value: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'the IPC event' }, structuredClone(value));
  };
  return { ipcMain, ipcRenderer, sendFromMain };
}

const receipt = sampleDocuments('ru').receipt;

function setup(frame: Frame = { url: 'app://kiosk/kiosk/', origin: 'app://kiosk', parent: null }) {
  const calls: { name: string; request: unknown }[] = [];
  const record = <T>(name: string, value: T) => async (request: unknown) => { calls.push({ name, request }); return value; };
  const handlers: IpcHandlers = {
    deviceInfo: record('deviceInfo', { serverUrl: 'https://okno.example.ru/', role: 'kiosk' as const, language: 'ru' as const, idle: { warnAfterSeconds: 60, answerSeconds: 30 } }),
    loadToken: record('loadToken', { token: 'okd_secret_token_value_123' }),
    saveToken: record('saveToken', { saved: true as const }),
    print: record('print', { results: [{ id: receipt.id, outcome: { ok: true as const, paperNearEnd: false } }] }),
    printerStatus: record('printerStatus', { problem: null, paperNearEnd: true }),
    endVisit: record('endVisit', { cleared: true as const }),
    speechSay: record('speechSay', { speaking: true }),
    speechStop: record('speechStop', { stopped: true as const }),
    speechVoices: record('speechVoices', { ru: true, en: false }),
  };
  let current = frame;
  const pair = ipcPair(() => current);
  const log = vi.fn();
  registerIpcHandlers(pair.ipcMain, handlers, log);
  const api = buildOknoApi(pair.ipcRenderer);
  return { api, calls, log, pair, setFrame: (f: Frame) => { current = f; } };
}

describe('the IPC contract', () => {
  it('exposes exactly one named function per channel, and no raw IPC', () => {
    const { api } = setup();
    expect(Object.keys(api).sort()).toEqual([...Object.keys(ipcContract), 'onPrinterStatus'].sort());
    for (const name of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync', 'postMessage']) expect(api).not.toHaveProperty(name);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
  });

  it('round-trips every channel from the kiosk page, parsed on both sides', async () => {
    const { api, calls } = setup();
    expect(await api.deviceInfo({})).toMatchObject({ role: 'kiosk' });
    expect(await api.loadToken({})).toEqual({ token: 'okd_secret_token_value_123' });
    expect(await api.saveToken({ token: 'okd_secret_token_value_456' })).toEqual({ saved: true });
    expect(await api.print({ documents: [receipt], copy: false })).toEqual({ results: [{ id: receipt.id, outcome: { ok: true, paperNearEnd: false } }] });
    expect(await api.printerStatus({})).toEqual({ problem: null, paperNearEnd: true });
    expect(await api.endVisit({})).toEqual({ cleared: true });
    expect(calls.map((c) => c.name)).toEqual(['deviceInfo', 'loadToken', 'saveToken', 'print', 'printerStatus', 'endVisit']);
    expect(calls[3]!.request).toEqual({ documents: [receipt], copy: false });
  });

  it.each<[string, Frame]>([
    ['another origin', { url: 'https://app.evil/', origin: 'https://app.evil', parent: null }],
    ['a look-alike host', { url: 'app://kiosk.evil/kiosk/', origin: 'app://kiosk.evil', parent: null }],
    ['a file page', { url: 'file:///tmp/x.html', origin: 'file://', parent: null }],
    ['a subframe of the kiosk page', { url: 'app://kiosk/kiosk/frame.html', origin: 'app://kiosk', parent: { url: 'app://kiosk/kiosk/', origin: 'app://kiosk', parent: null } }],
    ['a frame that is gone', null],
  ])('refuses a call from %s without calling the service', async (_name, frame) => {
    const { api, calls, log, setFrame } = setup();
    setFrame(frame);
    await expect(api.loadToken({})).rejects.toMatchObject({ name: 'IpcCallError', code: 'refused' });
    await expect(api.print({ documents: [receipt], copy: false })).rejects.toBeInstanceOf(IpcCallError);
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/refused/));
  });

  it('refuses malformed arguments in the page before they are sent, naming the field', async () => {
    const { api, calls } = setup();
    await expect(api.saveToken({ token: 'short' })).rejects.toThrow(/token/);
    await expect(api.print({ documents: [], copy: false })).rejects.toThrow(/documents/);
    await expect(api.print({ documents: [{ ...receipt, blocks: [{ kind: 'script', src: 'x' }] }], copy: false } as never)).rejects.toThrow(/documents\.0\.blocks\.0/);
    expect(calls).toEqual([]);
  });

  it('refuses malformed arguments in the main process too (a page that skips the preload checks)', async () => {
    const { pair, calls } = setup();
    const reply = await pair.ipcRenderer.invoke(ipcContract.print.channel, { documents: [{ id: 'x' }], copy: 'yes' });
    expect(reply).toEqual({ ok: false, code: 'invalid', detail: expect.stringMatching(/documents\.0\.type.*copy|copy.*documents/s) });
    const extra = await pair.ipcRenderer.invoke(ipcContract.endVisit.channel, { also: 'this' });
    expect(extra).toMatchObject({ ok: false, code: 'invalid' });
    expect(calls).toEqual([]);
  });

  it('turns a failing service into a plain failure, with the detail in the device log only', async () => {
    const log = vi.fn();
    const pair = ipcPair(() => ({ url: 'app://kiosk/kiosk/', origin: 'app://kiosk', parent: null }));
    const failing = async () => { throw new Error('EACCES /var/lib/okno/device-token.bin'); };
    registerIpcHandlers(pair.ipcMain, { deviceInfo: failing, loadToken: failing, saveToken: failing, print: failing, printerStatus: failing, endVisit: failing } as unknown as IpcHandlers, log);
    const api = buildOknoApi(pair.ipcRenderer);
    const error = await api.loadToken({}).catch((e: unknown) => e as IpcCallError);
    expect(error).toMatchObject({ code: 'failed' });
    expect((error as Error).message).not.toContain('EACCES');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('EACCES'));
  });

  it('gives event listeners the value alone, never the IPC event, and drops values off the contract', () => {
    const { api, pair } = setup();
    const seen: unknown[][] = [];
    const stop = api.onPrinterStatus((...args: unknown[]) => seen.push(args));
    pair.sendFromMain(ipcEvents.printerStatus.channel, { problem: 'paper-out', paperNearEnd: false });
    pair.sendFromMain(ipcEvents.printerStatus.channel, { problem: 'on fire' });
    stop();
    pair.sendFromMain(ipcEvents.printerStatus.channel, { problem: null, paperNearEnd: false });
    expect(seen).toEqual([[{ problem: 'paper-out', paperNearEnd: false }]]);
  });

  it('cannot carry a callback across: structured clone refuses functions', async () => {
    const { pair } = setup();
    await expect(pair.ipcRenderer.invoke(ipcContract.print.channel, { documents: [receipt], copy: false, then: () => 1 })).rejects.toThrow(/could not be cloned/);
  });
});
