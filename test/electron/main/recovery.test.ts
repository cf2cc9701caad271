import type { App, BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CrashRecovery, attachRecovery } from '../../../electron/main/recovery';
import { FakeBrowserWindow, createFakeElectron } from '../../fakes/fake-electron';

/** security.md: render-process-gone, unresponsive, GPU child-process-gone → reload with growing delays, then relaunch. */
beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

function wired() {
  const e = createFakeElectron();
  const window = new FakeBrowserWindow({});
  const reload = vi.fn();
  const relaunch = vi.fn();
  const log = vi.fn();
  attachRecovery(e.app as unknown as App, window as unknown as BrowserWindow, new CrashRecovery({ reload, relaunch, log, delaysMs: [1_000, 5_000, 30_000], hangGraceMs: 10_000, stableMs: 300_000 }));
  return { e, window, reload, relaunch, log };
}

describe('crash and hang recovery', () => {
  it('reloads a crashed page after growing delays, then relaunches the app', () => {
    const { window, reload, relaunch } = wired();
    const crash = () => window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    crash();
    vi.advanceTimersByTime(999);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(1);
    crash();
    vi.advanceTimersByTime(4_999);
    expect(reload).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(2);
    crash();
    vi.advanceTimersByTime(30_000);
    expect(reload).toHaveBeenCalledTimes(3);
    crash();
    expect(relaunch).toHaveBeenCalledOnce();
  });

  it('counts a burst of crashes while a reload is pending as one', () => {
    const { window, reload } = wired();
    for (let i = 0; i < 5; i++) window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    vi.advanceTimersByTime(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('ignores a clean exit', () => {
    const { window, reload } = wired();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.advanceTimersByTime(60_000);
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads a page that stays unresponsive, and not one that recovers by itself', () => {
    const { window, reload } = wired();
    window.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    window.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(reload).not.toHaveBeenCalled();
    window.emit('unresponsive');
    vi.advanceTimersByTime(10_000 + 1_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads when the GPU process dies, not when a utility process exits cleanly', () => {
    const { e, reload } = wired();
    e.app.emit('child-process-gone', {}, { type: 'Utility', reason: 'crashed' });
    e.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'clean-exit' });
    vi.advanceTimersByTime(60_000);
    expect(reload).not.toHaveBeenCalled();
    e.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed' });
    vi.advanceTimersByTime(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('starts the delays over once the page has run well for a while', () => {
    const { window, reload, relaunch } = wired();
    const crash = () => window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    for (const delay of [1_000, 5_000, 30_000]) {
      crash();
      vi.advanceTimersByTime(delay);
      window.webContents.emit('did-finish-load');
    }
    vi.advanceTimersByTime(300_000);
    crash();
    expect(relaunch).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(reload).toHaveBeenCalledTimes(4);
  });
});
