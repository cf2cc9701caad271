import { execFileSync } from 'node:child_process';

/** Whether a program the tests drive is installed: it answers `args` (its version) without failing. */
export function hasCommand(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
