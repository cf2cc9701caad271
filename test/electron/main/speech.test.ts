import { execFile, spawn as nodeSpawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SpeechService, espeakArgs, voicesIn, type Spawn } from '../../../electron/main/services/speech-service';
import { screenSpeech } from '../../../renderer/kiosk/screen-speech';
import { INITIAL_SESSION, type Screen } from '../../../renderer/kiosk/session';
import type { Lang } from '../../../shared/domain/money';
import { messages } from '../../../shared/i18n';
import type { Order } from '../../../shared/protocol';
import { speakable } from '../../../shared/speech/speakable';
import { formatMoney } from '../../../shared/domain/money';
import { hasEspeak } from './espeak';

const run = promisify(execFile);


/** A spawned espeak-ng as the service sees it: recorded, killable, able to fail like a missing binary. */
function fakeSpawn() {
  const spawned: { args: string[]; killed: boolean; child: EventEmitter }[] = [];
  const spawn: Spawn = (_command, args) => {
    const child = Object.assign(new EventEmitter(), { kill() { record.killed = true; return true; } });
    const record = { args, killed: false, child };
    spawned.push(record);
    return child as never;
  };
  return { spawn, spawned };
}

describe('speech in the kiosk shell', () => {
  it('speaks a text made for listening: sums in words, masked digits never', () => {
    const { spawn, spawned } = fakeSpawn();
    const speech = new SpeechService(spawn);
    expect(speech.say('Остаток 48 210,00 ₽. Телефон +7 ••• •••-••-67.', 'ru')).toEqual({ speaking: true });
    expect(spawned[0]!.args).toEqual(espeakArgs('Остаток сорок восемь тысяч двести десять рублей. Телефон.', 'ru'));
    expect(spawned[0]!.args.join(' ')).not.toMatch(/67|•|₽/);
  });

  it('one sentence at a time: a new one, or stop, ends the one being said', () => {
    const { spawn, spawned } = fakeSpawn();
    const speech = new SpeechService(spawn);
    speech.say('Первое.', 'ru');
    speech.say('Second.', 'en');
    expect(spawned.map((s) => s.killed)).toEqual([true, false]);
    expect(spawned[1]!.args.slice(0, 2)).toEqual(['-v', 'en-gb']);
    speech.stop();
    expect(spawned[1]!.killed).toBe(true);
  });

  it('a PC without espeak-ng says so once in the log and stays silent', () => {
    const { spawn, spawned } = fakeSpawn();
    const log: string[] = [];
    const speech = new SpeechService(spawn, (line) => log.push(line));
    speech.say('Здравствуйте!', 'ru');
    spawned[0]!.child.emit('error', Object.assign(new Error('spawn espeak-ng ENOENT'), { code: 'ENOENT' }));
    expect(speech.say('Здравствуйте!', 'ru')).toEqual({ speaking: false });
    expect(spawned).toHaveLength(1);
    expect(log).toEqual(['speech: espeak-ng is not installed; the kiosk cannot speak (apt-get install espeak-ng)']);
  });

  it('knows its voices from espeak-ng’s own list, asked once; a PC without espeak-ng has none (the page then shows no voice button)', async () => {
    expect(voicesIn([
      'Pty Language       Age/Gender VoiceName          File                 Other Languages',
      ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
      ' 5  ru              --/M      Russian            zle/ru               ',
    ].join('\n'))).toEqual({ ru: true, en: true });
    expect(voicesIn('Pty Language Age/Gender VoiceName File Other Languages\n 5  de  --/M  German  gmw/de\n')).toEqual({ ru: false, en: false });
    // A real spawn of a program that is not there: ENOENT, as on a PC without the package.
    const log: string[] = [];
    let spawns = 0;
    const missing: Spawn = (_command, args, options) => { spawns += 1; return nodeSpawn('okno-no-such-espeak', args, options); };
    const speech = new SpeechService(missing, (line) => log.push(line));
    expect(await speech.voices()).toEqual({ ru: false, en: false });
    expect(await speech.voices()).toEqual({ ru: false, en: false });
    expect(spawns).toBe(1);
    expect(log).toEqual(['speech: espeak-ng is not installed; the kiosk cannot speak (apt-get install espeak-ng)']);
  });
});

/** Every sentence a kiosk screen can say, in one language. */
function everyScreenText(lang: Lang): string[] {
  const t = messages(lang);
  const order = { code: '47110004', items: [{ sku: 'A', name: 'x', quantity: 1, priceKopecks: 100 }, { sku: 'B', name: 'y', quantity: 1, priceKopecks: 100 }], paid: true } as unknown as Order;
  const screens: Screen[] = [
    { name: 'welcome' },
    { name: 'code', digits: '' },
    ...(['check-digit', 'not-found', 'picked-up', 'cancelled', 'scan-unknown', 'scan-mismatch'] as const).map((kind) => ({ name: 'code' as const, digits: '', error: { kind } })),
    { name: 'code', digits: '471', error: { kind: 'length', entered: 3 } },
    { name: 'phone', order, digits: '' },
    { name: 'phone', order, digits: '', error: { kind: 'phone-mismatch' } },
    { name: 'order', order, verifiedBy: 'qr' },
    { name: 'order', order: { ...order, paid: false }, verifiedBy: 'qr' },
    { name: 'summary', order, verifiedBy: 'qr' },
    ...([null, 'paper-out', 'cover-open', 'offline', 'maybe-printed', 'failed'] as const).map((printProblem) => ({ name: 'done' as const, receipt: {} as never, printProblem })),
    { name: 'staff', reason: 'too-many' },
  ];
  // A sum as the passbook will say it: spoken in words, never digit by digit.
  const balance = lang === 'ru' ? `У вас 5 новых записей с 12 марта. Остаток ${formatMoney(4_821_000, 'ru')}.` : `You have 5 new entries since 12 March. Balance ${formatMoney(4_821_000, 'en')}.`;
  return [...screens.map((screen) => screenSpeech(t, { ...INITIAL_SESSION, screen })), t.idleSpeech, t.enrolSpeech, t.summaryFailed, balance];
}

/** Seconds of audio in a WAV file espeak-ng wrote (its "data" chunk over its byte rate). */
function wavSeconds(file: string): number {
  const wav = readFileSync(file);
  const byteRate = wav.readUInt32LE(28);
  let offset = 12;
  while (offset < wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'data') return Math.min(size, wav.length - offset - 8) / byteRate;
    offset += 8 + size;
  }
  throw new Error(`${file}: no data chunk`);
}

describe.skipIf(!hasEspeak() && process.env.CI !== 'true')('espeak-ng, the real voice', () => {
  it('has the Russian and the English voice okno speaks with', async () => {
    expect(await new SpeechService(nodeSpawn).voices()).toEqual({ ru: true, en: true });
  });

  it.each(['ru', 'en'] as const)('says every screen’s text in %s at 150–200 words a minute', async (lang) => {
    const dir = mkdtempSync(join(tmpdir(), 'okno-speech-'));
    const rates: number[] = [];
    for (const [i, text] of everyScreenText(lang).entries()) {
      const spoken = speakable(text, lang);
      const file = join(dir, `${lang}-${i}.wav`);
      await run('espeak-ng', espeakArgs(spoken, lang, file));
      const seconds = wavSeconds(file);
      const words = spoken.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length;
      expect(seconds, `${lang} #${i} wrote no audio: "${spoken}"`).toBeGreaterThan(0.5);
      rates.push((words / seconds) * 60);
    }
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    expect(mean).toBeGreaterThanOrEqual(150);
    expect(mean).toBeLessThanOrEqual(200);
    // No single sentence far off (short ones vary with the length of their words): a voice
    // reading a sum digit by digit, or skipping words, would be.
    for (const rate of rates) {
      expect(rate).toBeGreaterThan(100);
      expect(rate).toBeLessThan(240);
    }
  }, 60_000);
});
