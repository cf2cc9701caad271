import type { z } from 'zod';

/** A field the reader did not know, by its path: `lines.0.discount`. */
export type UnknownField = string;

export type TolerantResult<T> =
  | { success: true; data: T; unknownFields: UnknownField[] }
  | { success: false; error: z.ZodError };

/**
 * A tolerant reader for additive changes (docs/architecture.md, "Compatibility"): what a
 * device one release ahead sends may carry fields this release does not know yet. The
 * schemas stay strict (a typo in this release's own code is still caught by its tests and
 * by the device); here a value whose only faults are unknown fields is read without them,
 * and the caller keeps the value as it came (the transaction log stores the payload whole).
 * Any other fault fails as the strict schema says, naming the real problem first.
 */
export function parseTolerant<S extends z.ZodType>(schema: S, value: unknown): TolerantResult<z.output<S>> {
  let current = value;
  const unknownFields: UnknownField[] = [];
  // Each round removes the unknown keys zod found; nested ones under a removed key go with it.
  for (let round = 0; round < 8; round++) {
    const parsed = schema.safeParse(current);
    if (parsed.success) return { success: true, data: parsed.data, unknownFields };
    const unknown = parsed.error.issues.filter((i) => i.code === 'unrecognized_keys');
    const other = parsed.error.issues.filter((i) => i.code !== 'unrecognized_keys');
    if (other.length > 0 || unknown.length === 0) {
      // The real problem first: the caller names issues[0].
      parsed.error.issues.splice(0, parsed.error.issues.length, ...other, ...unknown);
      return { success: false, error: parsed.error };
    }
    current = JSON.parse(JSON.stringify(current)) as unknown; // a JSON value: a request body
    for (const issue of unknown) {
      const owner = issue.path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)?.[key as PropertyKey], current);
      if (owner === null || typeof owner !== 'object') continue;
      for (const key of (issue as z.core.$ZodIssueUnrecognizedKeys).keys) {
        delete (owner as Record<string, unknown>)[key];
        unknownFields.push([...issue.path.map(String), key].join('.'));
      }
    }
  }
  return { success: false, error: schema.safeParse(current).error! };
}
