import type { DeviceStatusReport, PrinterState, SpeechVoices, Unprinted } from '../../shared/protocol/device-status';
import { cleanText } from '../../shared/protocol/safe-input';
import type { PrinterStatus } from '../../shared/protocol/ipc';
import { APP_VERSION } from '../../shared/version';
import type { ApiClient } from './api-client';
import type { SyncStatus } from './sync-status';

/** The printer as staff need to know it, from what the host last said. */
export function printerState(status: PrinterStatus | null): PrinterState {
  if (!status) return 'unknown';
  return status.problem ?? (status.paperNearEnd ? 'paper-near-end' : 'ok');
}

/**
 * Tells the server how this device is after a sync round (the tablets list every device
 * and raise alerts from it). Sent when something changed, and at least once a minute
 * otherwise, which is the device's sign of life; a failed send waits for the next round.
 */
export class DeviceReporter {
  private printer: PrinterStatus | null = null;
  private speech: SpeechVoices | null = null;
  private last: { json: string; at: number } | null = null;

  constructor(
    private readonly api: Pick<ApiClient, 'reportStatus'>,
    /** the device's recent documents its printer did not confirm (kiosk-db receipts with a print problem) */
    private readonly unprinted: () => Promise<Unprinted[]> = async () => [],
    private readonly now: () => number = Date.now,
    private readonly everyMs = 60_000,
  ) {}

  printerChanged(status: PrinterStatus): void {
    this.printer = status;
  }

  /** Which languages the kiosk can speak, once its host knows. */
  speechKnown(voices: SpeechVoices): void {
    this.speech = voices;
  }

  async report(token: string, sync: Pick<SyncStatus, 'queued' | 'oldestQueuedAt' | 'quarantined'> & Partial<Pick<SyncStatus, 'problem' | 'problemDetail'>>): Promise<void> {
    const report: DeviceStatusReport = {
      queued: sync.queued, oldestQueuedAt: sync.oldestQueuedAt === null ? null : new Date(sync.oldestQueuedAt).toISOString(),
      quarantined: sync.quarantined, printer: printerState(this.printer), appVersion: APP_VERSION, unprinted: await this.unprinted(),
      syncProblem: sync.problem ? { problem: sync.problem, detail: sync.problemDetail ? cleanText(sync.problemDetail).slice(0, 200) : null } : null,
      speech: this.speech,
    };
    const json = JSON.stringify(report);
    const now = this.now();
    if (this.last && this.last.json === json && now - this.last.at < this.everyMs) return;
    await this.api.reportStatus(token, report);
    this.last = { json, at: now };
  }
}
