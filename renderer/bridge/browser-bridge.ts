import type { PaperDocument } from '../../shared/documents';
import { BrowserSpeech } from '../speech/browser-speech';
import type { HostBridge, PrintOutcome } from './host-bridge';

/**
 * A plain browser (a tablet, development): printing goes through the browser's print
 * dialog. The document is drawn into the print-only area by `renderForPrint` (the same
 * HTML renderer as the on-screen preview) and the print stylesheet hides everything else.
 */
export class BrowserBridge implements HostBridge {
  readonly kind = 'browser';
  readonly speech = new BrowserSpeech();

  constructor(private readonly renderForPrint: (document: PaperDocument | null) => void) {}

  async print(document: PaperDocument): Promise<PrintOutcome> {
    try {
      this.renderForPrint(document);
      window.print();
      return { ok: true };
    } catch {
      return { ok: false, code: 'failed' };
    } finally {
      this.renderForPrint(null);
    }
  }
}
