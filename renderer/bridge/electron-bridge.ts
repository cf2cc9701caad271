import type { PaperDocument } from '../../shared/documents';
import type { DocumentPrintOutcome, OknoApi, PrinterStatus } from '../../shared/protocol/ipc';
import type { TokenVault } from '../db/identity-store';
import { HostSpeech } from '../speech/host-speech';
import type { HostBridge, PrintOutcome, PrintProblem } from './host-bridge';

/**
 * The kiosk in Electron: `window.okno` (the preload's named functions) prints through the
 * main process's journal to the ESC/POS printer, keeps the token in the OS keychain and
 * clears the engine's traces of a visit. It speaks through the main process (espeak-ng).
 */
export class ElectronBridge implements HostBridge {
  readonly kind = 'electron';
  readonly speech: HostSpeech;
  readonly vault: TokenVault;

  constructor(private readonly okno: OknoApi) {
    this.speech = new HostSpeech(okno);
    this.vault = {
      load: async () => (await okno.loadToken({})).token,
      save: async (token) => { await okno.saveToken({ token }); },
    };
  }

  async print(documents: PaperDocument[]): Promise<PrintOutcome> {
    try {
      // A copy (КОПИЯ) prints even though the journal has the original as printed.
      const { results } = await this.okno.print({ documents, copy: documents.some((d) => d.copy) });
      const failed = results.find((r) => !r.outcome.ok && r.outcome.code !== 'already-printed');
      return failed ? { ok: false, code: problemOf(failed.outcome) } : { ok: true };
    } catch {
      return { ok: false, code: 'failed' };
    }
  }

  onPrinterStatus(listener: (status: PrinterStatus) => void): () => void {
    return this.okno.onPrinterStatus(listener);
  }

  async endVisit(): Promise<void> {
    await this.okno.endVisit({}).catch(() => undefined);
  }
}

/** The main process's detail, in the few cases the customer's words differ for. */
function problemOf(outcome: DocumentPrintOutcome): PrintProblem {
  if (outcome.ok) return 'failed';
  switch (outcome.code) {
    case 'paper-out': return 'paper-out';
    case 'cover-open': return 'cover-open';
    case 'offline': case 'no-answer': return outcome.phase === 'during' ? 'maybe-printed' : 'offline';
    case 'maybe-printed': case 'unknown': return 'maybe-printed';
    default: return 'failed';
  }
}
