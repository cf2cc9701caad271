import type { PaperDocument } from '../../shared/documents';
import { BrowserSpeech } from '../speech/browser-speech';
import type { HostBridge, PrintOutcome } from './host-bridge';

/**
 * A plain browser (a tablet, development): printing goes through the browser's print
 * dialog, once for all documents of a handover, each on its own page. They are drawn into
 * the print-only area by `renderForPrint` (the same HTML renderer as the on-screen
 * preview) and the print stylesheet hides everything else. A browser has no keychain, so
 * the token stays in IndexedDB (security.md).
 */
export class BrowserBridge implements HostBridge {
  readonly kind = 'browser';
  readonly speech = new BrowserSpeech();
  readonly vault = null;

  constructor(private readonly renderForPrint: (documents: PaperDocument[]) => void) {}

  async print(documents: PaperDocument[]): Promise<PrintOutcome> {
    try {
      this.renderForPrint(documents);
      window.print();
      return { ok: true };
    } catch {
      return { ok: false, code: 'failed' };
    } finally {
      this.renderForPrint([]);
    }
  }

  onPrinterStatus(): () => void {
    return () => {}; // the print dialog reports nothing back
  }

  async endVisit(): Promise<void> {
    // The page wipes its memory and sessionStorage; a browser keeps nothing else of a visit.
  }
}
