import { hasCommand } from '../../support/has-command';

/** espeak-ng (Debian package espeak-ng) speaks for the Electron kiosk; its test writes real audio. */
export const hasEspeak = (): boolean => hasCommand('espeak-ng', ['--version']);
