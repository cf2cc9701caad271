import type { Lang } from '../../shared/domain/money';

/**
 * Speech behind a port: the browser's speechSynthesis here, espeak-ng in the Electron
 * main process later, a recorder in tests. Callers pass whole sentences from the
 * `…Speech` strings, which never hold personal data: the kiosk's speaker is public.
 */
export interface SpeechPort {
  /** false when the host has no voice for speech at all (Chromium on Linux often has none) */
  available(): boolean;
  speak(text: string, lang: Lang): void;
  stop(): void;
}
