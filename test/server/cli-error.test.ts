import { describe, expect, it } from 'vitest';
import { ConfigError, ConflictError, DataDirBusyError, MigrationError, NotFoundError, UnauthorizedError, ValidationError } from '../../server/errors';
import { cliErrorText } from '../../server/local/cli-error';

describe('what the CLI prints for a failure', () => {
  it.each([
    [new ValidationError('branchCode: no branch with code "X"', 'branchCode'), 'okno: branchCode: no branch with code "X"'],
    [new NotFoundError('no order 47110004'), 'okno: no order 47110004'],
    [new ConflictError('employee number 1001 is taken'), 'okno: employee number 1001 is taken'],
    [new UnauthorizedError('this enrolment code is unknown'), 'okno: this enrolment code is unknown'],
    [new ConfigError('--role: expected kiosk or tablet'), 'okno: --role: expected kiosk or tablet'],
    [new MigrationError('migration 003_x.sql failed: syntax error'), 'okno: migration 003_x.sql failed: syntax error'],
    [new DataDirBusyError('the data folder /d is in use by process 42'), 'okno: the data folder /d is in use by process 42'],
  ])('one line for an expected error: %s', (error, line) => {
    expect(cliErrorText(error)).toBe(line);
  });

  it.runIf(process.env.DATABASE_URL)('a wrong password in DATABASE_URL: one line naming the setting, from the real PostgreSQL', async () => {
    const { openPostgres } = await import('../../server/db/pg-db');
    const url = new URL(process.env.DATABASE_URL!);
    url.password = 'not-the-password';
    const db = await openPostgres({ connectionString: url.toString() });
    const error = await db.query('SELECT 1').then(() => null, (e: unknown) => e);
    await db.close();
    expect(cliErrorText(error)).toMatch(/^okno: DATABASE_URL: the database refused the user name or password \(password authentication failed for user "okno"\)$/);
  });

  it('the stack for a bug, so it can be found', () => {
    const text = cliErrorText(new TypeError('cannot read properties of undefined'));
    expect(text).toMatch(/^TypeError: cannot read properties of undefined\n\s+at /);
  });
});
