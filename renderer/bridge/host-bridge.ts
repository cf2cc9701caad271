import type { PaperDocument } from '../../shared/documents';
import type { SpeechPort } from '../speech/speech-port';

/** Expected printing outcomes are values; the kiosk words each one for the customer. */
export type PrintOutcome =
  | { ok: true }
  | { ok: false; code: 'paper-out' | 'cover-open' | 'offline' | 'failed' };

/**
 * What the kiosk needs from whatever hosts it. Screens use this interface and never ask
 * which host they run in: Electron (issue 4), a plain browser, or the fake in tests.
 */
export interface HostBridge {
  readonly kind: 'browser' | 'fake' | 'electron';
  print(document: PaperDocument): Promise<PrintOutcome>;
  readonly speech: SpeechPort;
}
