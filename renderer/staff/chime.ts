/**
 * The tablet's sound for a new call: two short tones (a falling "ding-dong"), made with
 * WebAudio so there is no sound file to ship or load. The AudioContext is made on the
 * first chime, after the staff member has tapped the sign-in button, so the browser's
 * autoplay rule (a page may play sound once the user has interacted with it) lets it
 * run; a tablet that still refuses stays silent rather than failing the queue.
 */
let context: AudioContext | null = null;

const TONES = [{ hz: 880, at: 0 }, { hz: 660, at: 0.22 }];
const LENGTH_S = 0.35;

export function chime(): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const start = context.currentTime;
  for (const tone of TONES) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = tone.hz;
    // A quick rise and a slow fall: a bell, not a click.
    gain.gain.setValueAtTime(0.0001, start + tone.at);
    gain.gain.exponentialRampToValueAtTime(0.4, start + tone.at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + tone.at + LENGTH_S);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + tone.at);
    oscillator.stop(start + tone.at + LENGTH_S);
  }
}
