import { AppError } from '../errors';

/**
 * What the CLI prints for a failure: one line for every expected error (the AppError
 * family: a bad flag, an unknown branch, a taken number, a busy data folder, a failed
 * migration), the whole error with its stack for anything else, which is a bug.
 */
export function cliErrorText(error: unknown): string {
  const known = error instanceof AppError || (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS_');
  if (known) return `okno: ${(error as Error).message}`;
  // The database refused who we are or what we asked for: a setting to fix, not a bug.
  const setting = DATABASE_REFUSALS[(error as { code?: string } | null)?.code ?? ''];
  if (setting) return `okno: DATABASE_URL: ${setting} (${(error as Error).message})`;
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}

/** PostgreSQL's refusals at connection time, by SQLSTATE: what is wrong in DATABASE_URL. */
const DATABASE_REFUSALS: Record<string, string> = {
  '28P01': 'the database refused the user name or password',
  '28000': 'the database does not let this user connect from here (pg_hba.conf)',
  '3D000': 'no database of that name',
  '42501': 'this user may not do what the server needs (it must own its schema)',
};
