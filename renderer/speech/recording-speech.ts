import type { Lang } from '../../shared/domain/money';
import type { SpeechPort } from './speech-port';

/** Records what would have been said; the fake host uses it so tests can check speech. */
export class RecordingSpeech implements SpeechPort {
  readonly spoken: { text: string; lang: Lang }[] = [];
  stops = 0;

  available(): boolean {
    return true;
  }

  speak(text: string, lang: Lang): void {
    this.spoken.push({ text, lang });
  }

  stop(): void {
    this.stops += 1;
  }
}
