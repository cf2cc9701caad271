import type { PaperDocument } from '../../shared/documents';
import type { PrinterStatus } from '../../shared/protocol/ipc';
import { RecordingSpeech } from '../speech/recording-speech';
import type { HostBridge, PrintOutcome } from './host-bridge';

/**
 * The host for tests (`/kiosk/?host=fake`): records every printed document, every spoken
 * sentence and every visit's end on `window.oknoFakeHost` so browser tests can read them,
 * and can be told to fail the next print.
 */
export class FakeBridge implements HostBridge {
  readonly kind = 'fake';
  readonly speech: RecordingSpeech;
  readonly vault = null;
  readonly printed: PaperDocument[] = [];
  visitsEnded = 0;
  nextPrint: PrintOutcome = { ok: true };

  constructor(options: { voiceless?: boolean } = {}) {
    this.speech = new RecordingSpeech(options.voiceless ? { ru: false, en: false } : { ru: true, en: true });
  }

  async print(documents: PaperDocument[]): Promise<PrintOutcome> {
    const outcome = this.nextPrint;
    this.nextPrint = { ok: true };
    if (outcome.ok) this.printed.push(...documents);
    return outcome;
  }

  private readonly statusListeners = new Set<(status: PrinterStatus) => void>();

  onPrinterStatus(listener: (status: PrinterStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => { this.statusListeners.delete(listener); };
  }

  /** for tests: the printer reports a new state, as the Electron main process would */
  setPrinterStatus(status: PrinterStatus): void {
    for (const listener of this.statusListeners) listener(status);
  }

  async endVisit(): Promise<void> {
    this.visitsEnded++;
  }
}
