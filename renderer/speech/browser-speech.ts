import type { Lang } from '../../shared/domain/money';
import type { SpeechVoices } from '../../shared/protocol/device-status';
import type { SpeechPort } from './speech-port';

/** How long a browser may take to list its voices (Chromium fills the list a moment after the page opens). */
const VOICES_WAIT_MS = 2_000;

/** speechSynthesis, when the browser has a voice for the language; silent otherwise. */
export class BrowserSpeech implements SpeechPort {
  private available(): boolean {
    return typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().length > 0;
  }

  voices(): Promise<SpeechVoices> {
    if (typeof speechSynthesis === 'undefined') return Promise.resolve({ ru: false, en: false });
    const known = (): SpeechVoices => {
      const list = speechSynthesis.getVoices();
      return { ru: list.some((v) => v.lang.startsWith('ru')), en: list.some((v) => v.lang.startsWith('en')) };
    };
    if (this.available()) return Promise.resolve(known());
    // A browser with none never says `voiceschanged`: after the wait, it has none.
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        speechSynthesis.removeEventListener('voiceschanged', done);
        resolve(known());
      };
      const timer = setTimeout(done, VOICES_WAIT_MS);
      speechSynthesis.addEventListener('voiceschanged', done);
    });
  }

  speak(text: string, lang: Lang): void {
    if (!this.available()) return;
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang === 'ru' ? 'ru-RU' : 'en-GB';
    const voice = speechSynthesis.getVoices().find((v) => v.lang.startsWith(lang));
    if (voice) utterance.voice = voice;
    // About 160 words a minute: the slow end of normal speech, for older listeners.
    utterance.rate = 0.9;
    speechSynthesis.speak(utterance);
  }

  stop(): void {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }
}
