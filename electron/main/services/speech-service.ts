import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { Lang } from '../../../shared/domain/money';
import { speakable } from '../../../shared/speech/speakable';

/**
 * Words a minute for each voice, chosen so that what the kiosk says comes out at 150–200
 * words a minute (accessibility.md), measured on every screen's text
 * (test/electron/main/speech.test.ts): Russian words are longer, so its voice runs faster.
 */
export const SPEECH_RATE: Record<Lang, number> = { ru: 200, en: 165 };
const VOICE: Record<Lang, string> = { ru: 'ru', en: 'en-gb' };

/** espeak-ng's arguments for a text already made for listening; `wavFile` writes audio there instead of playing it. */
export function espeakArgs(text: string, lang: Lang, wavFile?: string): string[] {
  return ['-v', VOICE[lang], '-s', String(SPEECH_RATE[lang]), ...(wavFile ? ['-w', wavFile] : []), '--', text];
}

export type Spawn = (command: string, args: string[], options: SpawnOptions) => ChildProcess;

/**
 * The kiosk's voice from the main process: espeak-ng (a Debian package with Russian and
 * English voices) for each sentence, one at a time: a new sentence stops the one before.
 * A PC without espeak-ng says so once in the log and stays silent; the screen still shows
 * everything (docs/operations.md lists the package).
 */
export class SpeechService {
  private current: ChildProcess | null = null;
  private missing = false;

  constructor(private readonly spawn: Spawn, private readonly log: (line: string) => void = () => {}) {}

  say(text: string, lang: Lang): { speaking: boolean } {
    this.stop();
    const spoken = speakable(text, lang);
    if (this.missing || !spoken) return { speaking: false };
    const child = this.spawn('espeak-ng', espeakArgs(spoken, lang), { stdio: 'ignore' });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        this.missing = true;
        this.log('speech: espeak-ng is not installed; the kiosk cannot speak (apt-get install espeak-ng)');
      } else {
        this.log(`speech: espeak-ng failed: ${error.message}`);
      }
    });
    child.on('exit', () => { if (this.current === child) this.current = null; });
    this.current = child;
    return { speaking: true };
  }

  stop(): { stopped: true } {
    this.current?.kill('SIGTERM');
    this.current = null;
    return { stopped: true };
  }
}
