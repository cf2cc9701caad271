import { execFileSync } from 'node:child_process';

/** espeak-ng (Debian package espeak-ng) speaks for the Electron kiosk; its test writes real audio. */
export function hasEspeak(): boolean {
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
