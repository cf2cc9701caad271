import type { z } from 'zod';
import { ValidationError } from '../errors';
import { findInputProblem } from '../../shared/protocol/safe-input';
import { parseTolerant } from '../../shared/protocol/tolerant';

/**
 * Parses `value` with `schema`; on failure, a 400 that names the first wrong field.
 * First, unless `checkInput` is false, every string and the nesting: text that cannot be
 * stored or printed, or a body nested past 32 levels, is refused before any schema or
 * database sees it (shared/protocol/safe-input.ts). `tolerant`: a device's request, which
 * may come from a release ahead of this server, is read without the fields this release
 * does not know (shared/protocol/tolerant.ts); the back office's feeds stay strict.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params', checkInput = true, tolerant = false): z.output<S> {
  if (where === 'body' && (value === undefined || value === null)) {
    throw new ValidationError('body: a JSON body is required (Content-Type: application/json)', 'body', 'invalid-body');
  }
  const problem = checkInput ? findInputProblem(value, '') : null;
  if (problem) throw new ValidationError(`${problem.path || where}: ${problem.problem}`, problem.path || where, `invalid-${where}`);
  const parsed = tolerant ? parseTolerant(schema, value) : schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || where;
  throw new ValidationError(`${field}: ${issue.message}`, field, `invalid-${where}`);
}
