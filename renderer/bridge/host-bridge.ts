import type { PaperDocument } from '../../shared/documents';
import type { PrinterStatus } from '../../shared/protocol/ipc';
import type { TokenVault } from '../db/identity-store';
import type { SpeechPort } from '../speech/speech-port';

/**
 * Expected printing outcomes are values; the kiosk words each one for the customer.
 * `maybe-printed`: the printer stopped mid-document or the app restarted while printing,
 * so staff check the tray and reprint a КОПИЯ if needed; nothing is resent by itself.
 */
export type PrintProblem = 'paper-out' | 'cover-open' | 'offline' | 'maybe-printed' | 'failed';
export type PrintOutcome = { ok: true } | { ok: false; code: PrintProblem };

/**
 * What the kiosk needs from whatever hosts it. Screens use this interface and never ask
 * which host they run in: Electron, a plain browser, or the fake in tests.
 */
export interface HostBridge {
  readonly kind: 'browser' | 'fake' | 'electron';
  /** prints the documents of one handover in order (a receipt, then its warranty slips) */
  print(documents: PaperDocument[]): Promise<PrintOutcome>;
  /** a visit ended: the host forgets what it kept of it (Electron: cookies, caches) */
  endVisit(): Promise<void>;
  /** where the device token lives when the host has a keychain; null: IndexedDB */
  readonly vault: TokenVault | null;
  /** the printer's state as it changes, so passing staff see what it needs; returns unsubscribe */
  onPrinterStatus(listener: (status: PrinterStatus) => void): () => void;
  readonly speech: SpeechPort;
}
