import { execFileSync } from 'node:child_process';

/** socat links two pseudo-terminals: one for the app's serialport, one for the simulated printer. */
export function hasSocat(): boolean {
  try {
    execFileSync('socat', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
