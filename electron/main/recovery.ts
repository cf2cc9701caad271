import type { App, BrowserWindow } from 'electron';

export type RecoveryOptions = {
  /** reload the kiosk page from its start URL */
  reload(): void;
  /** start a fresh process (app.relaunch + exit) when reloading has not helped */
  relaunch(): void;
  log(line: string): void;
  /** waits before each reload; one more failure than there are delays relaunches */
  delaysMs?: readonly number[];
  /** how long the page may be unresponsive before it counts as hung */
  hangGraceMs?: number;
  /** a page that has run this long since its last load is well again: the delays start over */
  stableMs?: number;
};

/**
 * Crash and hang recovery for an unattended kiosk: a renderer that dies or hangs, or a GPU
 * process that dies, is reloaded after a growing delay (so a page that crashes on load does
 * not spin), and after the last delay the whole app relaunches. Nobody is there to click
 * "reload"; the customer in front of it sees the welcome screen again within seconds.
 */
export class CrashRecovery {
  private attempts = 0;
  private pending: ReturnType<typeof setTimeout> | null = null;
  private hang: ReturnType<typeof setTimeout> | null = null;
  private stable: ReturnType<typeof setTimeout> | null = null;
  private readonly delays: readonly number[];

  constructor(private readonly options: RecoveryOptions) {
    this.delays = options.delaysMs ?? [1_000, 5_000, 30_000];
  }

  rendererGone(reason: string): void {
    if (reason !== 'clean-exit') this.recover(`the kiosk page stopped (${reason})`);
  }

  childGone(type: string, reason: string): void {
    if (type === 'GPU' && reason !== 'clean-exit') this.recover(`the GPU process stopped (${reason})`);
  }

  unresponsive(): void {
    this.hang ??= setTimeout(() => {
      this.hang = null;
      this.recover('the kiosk page stopped answering');
    }, this.options.hangGraceMs ?? 10_000);
  }

  responsive(): void {
    if (this.hang) clearTimeout(this.hang);
    this.hang = null;
  }

  loaded(): void {
    if (this.stable) clearTimeout(this.stable);
    this.stable = setTimeout(() => { this.attempts = 0; }, this.options.stableMs ?? 5 * 60_000);
  }

  private recover(why: string): void {
    if (this.pending) return;
    if (this.stable) clearTimeout(this.stable);
    const delay = this.delays[this.attempts++];
    if (delay === undefined) {
      this.options.log(`${why}; reloading has not helped ${this.delays.length} times: relaunching`);
      this.options.relaunch();
      return;
    }
    this.options.log(`${why}; reloading in ${delay} ms (attempt ${this.attempts})`);
    this.pending = setTimeout(() => {
      this.pending = null;
      this.options.reload();
    }, delay);
  }
}

/** Wires the recovery to the window's and the app's events. */
export function attachRecovery(app: App, window: BrowserWindow, recovery: CrashRecovery): void {
  const contents = window.webContents;
  contents.on('render-process-gone', (_event, details) => recovery.rendererGone(details.reason));
  contents.on('did-finish-load', () => recovery.loaded());
  window.on('unresponsive', () => recovery.unresponsive());
  window.on('responsive', () => recovery.responsive());
  app.on('child-process-gone', (_event, details) => recovery.childGone(details.type, details.reason));
}
