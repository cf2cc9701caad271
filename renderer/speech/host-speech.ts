import type { Lang } from '../../shared/domain/money';
import type { OknoApi } from '../../shared/protocol/ipc';
import type { SpeechVoices } from '../../shared/protocol/device-status';
import type { SpeechPort } from './speech-port';

/**
 * Speech in the Electron shell: the main process speaks with espeak-ng (speech:say), as
 * Chromium on Linux often has no voices of its own. Fire and forget: a sentence that
 * cannot be spoken is still on the screen.
 */
export class HostSpeech implements SpeechPort {
  constructor(private readonly okno: Pick<OknoApi, 'speechSay' | 'speechStop' | 'speechVoices'>) {}

  voices(): Promise<SpeechVoices> {
    // The shell answers from espeak-ng's own list; a failed answer is no voice, said honestly.
    return this.okno.speechVoices({}).catch(() => ({ ru: false, en: false }));
  }

  speak(text: string, lang: Lang): void {
    void this.okno.speechSay({ text, lang }).catch(() => undefined);
  }

  stop(): void {
    void this.okno.speechStop({}).catch(() => undefined);
  }
}
