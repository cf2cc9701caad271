import { createHash } from 'node:crypto';
import { inputProblem, instantShapeProblem } from '../../../shared/protocol/safe-input';

/** The time logged for a transaction whose own time cannot be stored (its sent form is in the payload's digest). */
const UNSTORABLE_AT = '1970-01-01T00:00:00.000Z';

/**
 * How a transaction is written to the log, and compared with a resend of it. Almost
 * always as sent. A transaction that cannot be stored as sent (a lone surrogate or NUL in
 * a string, nesting too deep for the database, a time PostgreSQL has no value for) is
 * rejected at the edge, but its log row must still be written, or the whole batch fails
 * on it: then the row holds a digest of what was sent and a printable beginning of it.
 * The form depends on the transaction alone, never on the clock, so a resend of the same
 * bytes compares equal and gets the same rejection back.
 */
export type StoredForm = { at: string; payload: unknown };

export function storedForm(e: { occurredAt: string; payload: unknown }): StoredForm {
  if (!instantShapeProblem(e.occurredAt) && !inputProblem(e.payload, 'payload')) return { at: e.occurredAt, payload: e.payload };
  return unstorableForm(e);
}

/** The form of a transaction known not to be storable as sent: a digest and a printable beginning. */
export function unstorableForm(e: { occurredAt: string; payload: unknown }): StoredForm {
  const json = stringifyDeep({ occurredAt: e.occurredAt, payload: e.payload });
  return {
    at: UNSTORABLE_AT,
    payload: {
      unstorable: 'the transaction as sent could not be stored as it was; this is its SHA-256 and beginning',
      sha256: createHash('sha256').update(json).digest('hex'),
      preview: asciiOnly(json.slice(0, 300)),
    },
  };
}

/** Every character outside printable ASCII as \uXXXX: safe to store and to read in any log. */
function asciiOnly(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text already serialised, on the work stack of `stringifyDeep` (never a value of the input). */
class Raw {
  constructor(readonly text: string) {}
}

/**
 * JSON.stringify without recursion (which overflows the stack at a few thousand levels):
 * the same text for the same value, keys in the order sent.
 */
export function stringifyDeep(value: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Raw) out.push(v.text);
    else if (Array.isArray(v)) {
      out.push('[');
      stack.push(new Raw(']'));
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push(v[i] === undefined ? null : v[i]);
        if (i > 0) stack.push(new Raw(','));
      }
    } else if (typeof v === 'object' && v !== null) {
      out.push('{');
      stack.push(new Raw('}'));
      const entries = Object.entries(v).filter(([, c]) => c !== undefined);
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push(entries[i]![1]);
        stack.push(new Raw(`${i > 0 ? ',' : ''}${JSON.stringify(entries[i]![0])}:`));
      }
    } else out.push(JSON.stringify(v) ?? 'null');
  }
  return out.join('');
}
