import type { Lang } from '../../shared/domain/money';
import type { SpeechVoices } from '../../shared/protocol/device-status';

/**
 * Speech behind a port: the browser's speechSynthesis, espeak-ng in the Electron main
 * process, a recorder in tests. Callers pass whole sentences from the `…Speech` strings,
 * which never hold personal data: the kiosk's speaker is public.
 */
export interface SpeechPort {
  /**
   * Which languages this host can speak, asked once as the kiosk starts: the voice button
   * and «Повторить» show only for those (Chromium on Linux often has no voice at all; a
   * kiosk PC may lack espeak-ng), and the status report says so to the tablets.
   */
  voices(): Promise<SpeechVoices>;
  speak(text: string, lang: Lang): void;
  stop(): void;
}
