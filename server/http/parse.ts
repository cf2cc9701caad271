import type { z } from 'zod';
import { ValidationError } from '../errors';

/** Parses `value` with `schema`; on failure, a 400 that names the first wrong field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  if (where === 'body' && (value === undefined || value === null)) {
    throw new ValidationError('body: a JSON body is required (Content-Type: application/json)', 'body', 'invalid-body');
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || where;
  throw new ValidationError(`${field}: ${issue.message}`, field, `invalid-${where}`);
}
