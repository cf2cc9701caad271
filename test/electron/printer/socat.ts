import { hasCommand } from '../../support/has-command';

/** socat links two pseudo-terminals: one for the app's serialport, one for the simulated printer. */
export const hasSocat = (): boolean => hasCommand('socat', ['-V']);
