import type { Lang } from '../../shared/domain/money';
import type { SpeechVoices } from '../../shared/protocol/device-status';
import type { SpeechPort } from './speech-port';

/** Records what would have been said; the fake host uses it so tests can check speech. */
export class RecordingSpeech implements SpeechPort {
  readonly spoken: { text: string; lang: Lang }[] = [];
  stops = 0;

  /** `voices`: what the fake host says it can speak (`?speech=none` in browser tests: nothing). */
  constructor(private readonly has: SpeechVoices = { ru: true, en: true }) {}

  voices(): Promise<SpeechVoices> {
    return Promise.resolve(this.has);
  }

  speak(text: string, lang: Lang): void {
    this.spoken.push({ text, lang });
  }

  stop(): void {
    this.stops += 1;
  }
}
