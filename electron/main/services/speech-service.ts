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

/** Which of okno's voices a `espeak-ng --voices` listing has (its second column is the language). */
export function voicesIn(listing: string): Record<Lang, boolean> {
  const languages = new Set(listing.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[1]).filter(Boolean));
  return { ru: languages.has(VOICE.ru), en: languages.has(VOICE.en) };
}

/**
 * The kiosk's voice from the main process: espeak-ng (a Debian package with Russian and
 * English voices) for each sentence, one at a time: a new sentence stops the one before.
 * A PC without espeak-ng says so once in the log and stays silent; the screen still shows
 * everything (docs/operations.md lists the package).
 */
export class SpeechService {
  private current: ChildProcess | null = null;
  private missing = false;
  private known: Promise<Record<Lang, boolean>> | null = null;

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

  /**
   * Which voices this PC has, asked of espeak-ng once (`--voices`): the page shows the voice
   * button and «Повторить» only for a language it can speak, and its status report says
   * when it cannot (no espeak-ng, or a voice missing).
   */
  voices(): Promise<Record<Lang, boolean>> {
    this.known ??= new Promise((resolve) => {
      const none = { ru: false, en: false };
      let listing = '';
      let child: ChildProcess;
      try {
        child = this.spawn('espeak-ng', ['--voices'], { stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return resolve(none);
      }
      child.stdout?.on('data', (chunk: Buffer) => { listing += chunk.toString('utf8'); });
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') this.log('speech: espeak-ng is not installed; the kiosk cannot speak (apt-get install espeak-ng)');
        resolve(none);
      });
      child.on('close', (code) => resolve(code === 0 ? voicesIn(listing) : none));
    });
    return this.known;
  }

  stop(): { stopped: true } {
    this.current?.kill('SIGTERM');
    this.current = null;
    return { stopped: true };
  }
}
