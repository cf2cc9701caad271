import { AppError } from '../errors';

/**
 * What the CLI prints for a failure: one line for every expected error (the AppError
 * family: a bad flag, an unknown branch, a taken number, a busy data folder, a failed
 * migration), the whole error with its stack for anything else, which is a bug.
 */
export function cliErrorText(error: unknown): string {
  const known = error instanceof AppError || (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS_');
  if (known) return `okno: ${(error as Error).message}`;
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}
