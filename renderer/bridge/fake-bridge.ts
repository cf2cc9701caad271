import type { PaperDocument } from '../../shared/documents';
import { RecordingSpeech } from '../speech/recording-speech';
import type { HostBridge, PrintOutcome } from './host-bridge';

/**
 * The host for tests (`/kiosk/?host=fake`): records every printed document and every
 * spoken sentence on `window.oknoFakeHost` so browser tests can read them, and can be
 * told to fail the next print.
 */
export class FakeBridge implements HostBridge {
  readonly kind = 'fake';
  readonly speech = new RecordingSpeech();
  readonly printed: PaperDocument[] = [];
  nextPrint: PrintOutcome = { ok: true };

  async print(document: PaperDocument): Promise<PrintOutcome> {
    const outcome = this.nextPrint;
    this.nextPrint = { ok: true };
    if (outcome.ok) this.printed.push(document);
    return outcome;
  }
}
