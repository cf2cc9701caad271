import type { Lang } from '../../shared/domain/money';
import type { SpeechPort } from './speech-port';

/** speechSynthesis, when the browser has a voice for the language; silent otherwise. */
export class BrowserSpeech implements SpeechPort {
  available(): boolean {
    return typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().length > 0;
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
