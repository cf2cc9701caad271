/**
 * What every string and every body must be before the server stores it or a printer
 * prints it, checked the same way on every side (the server at its edge, a device before
 * it queues free text). Plain functions, no zod: the check walks any JSON value without
 * recursion, so a body nested 500 000 levels deep is answered, not a stack overflow.
 *
 * A string is refused when it holds:
 * - a lone surrogate (text cut in the middle of an emoji): PostgreSQL cannot store it;
 * - NUL or another control character but tab, line feed and carriage return: PostgreSQL
 *   cannot store NUL, and ESC and its kin are printer commands on an ESC/POS printer;
 * - a bidirectional override or isolate, or a zero-width character: on paper and on
 *   screen they make one text read as another («Trojan Source», CVE-2021-42574).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Any character one of the three above could be about (a surrogate pair is only suspect). */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]/;

/** Why a string may not be stored or printed, or null when it may. */
export function textProblem(text: string): string | null {
  // One pass for the common case (plain Cyrillic and Latin text); the push checks every string.
  if (!SUSPECT.test(text)) return null;
  if (LONE_SURROGATE.test(text)) return 'text with a broken character (half of a surrogate pair)';
  if (CONTROL.test(text)) return 'text with a control character';
  if (INVISIBLE.test(text)) return 'text with an invisible direction or zero-width character';
  return null;
}

/**
 * Makes free text safe as the device queues it: a broken character becomes «�», control
 * and invisible characters go. The server refuses what this would change.
 */
export function cleanText(text: string): string {
  return text
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd')
    .replace(new RegExp(CONTROL.source, 'g'), (c) => (c === '\u000b' || c === '\u000c' ? ' ' : ''))
    .replace(new RegExp(INVISIBLE.source, 'g'), '');
}

/** How deep a payload or body may nest: okno's own are at most 5 levels. */
export const MAX_DEPTH = 32;

/**
 * The first problem in a JSON value, named by its path ("payload.lines.0.name: …"), or
 * null: a string (value or key) that `textProblem` refuses, nesting deeper than
 * `maxDepth`, or a number that is not a safe integer where it is whole (a total past
 * 2^53 is no longer exact).
 */
export function inputProblem(value: unknown, root: string, maxDepth = MAX_DEPTH): string | null {
  const found = findInputProblem(value, root, maxDepth);
  return found && `${found.path}: ${found.problem}`;
}

/** `inputProblem` with the path and the problem apart (an HTTP answer names the field). */
export function findInputProblem(value: unknown, root: string, maxDepth = MAX_DEPTH): { path: string; problem: string } | null {
  // Each node keeps its parent and key, and a path is spelled out only for a problem:
  // the push walks every payload, and building every path cost more than the checks.
  type Node = { value: unknown; depth: number; parent: Node | null; key: string };
  const pathOf = (node: Node): string => {
    const keys: string[] = [];
    for (let n: Node | null = node; n && n.parent; n = n.parent) keys.push(cleanText(n.key.length > 40 ? `${n.key.slice(0, 40)}…` : n.key));
    return [root, ...keys.reverse()].filter(Boolean).join('.');
  };
  const stack: Node[] = [{ value, depth: 0, parent: null, key: '' }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return { path: pathOf(node), problem };
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) return { path: pathOf(node), problem: 'a number beyond ±2^53, not exact' };
    } else if (v !== null && typeof v === 'object') {
      if (node.depth >= maxDepth) return { path: pathOf(node), problem: `nested deeper than ${maxDepth} levels` };
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        const keyProblem = textProblem(key);
        if (keyProblem) return { path: pathOf(node), problem: `a field name with ${keyProblem.replace(/^text with /, '')}` };
        stack.push({ value: (v as Record<string, unknown>)[key], depth: node.depth + 1, parent: node, key });
      }
    }
  }
  return null;
}

/** How far a device's clock may put a transaction from the server's time. */
export const OCCURRED_AT_WINDOW = { pastDays: 60, futureDays: 2 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Why a device's `occurredAt` cannot be taken, or null: it must be a time the calendar
 * has (no 30 February, no hour 24), with a real time-zone offset (at most ±14:00), and
 * lie in a window around the server's time that leaves room for a kiosk offline for
 * weeks and a clock a day or two fast. A year 9999 or 0000 is a broken clock or input.
 */
export function occurredAtProblem(text: string, nowMs: number): string | null {
  return instantShapeProblem(text) ?? windowProblem(text, nowMs);
}

/** The clock half of `occurredAtProblem`, for a time already known to be real. */
export function windowProblem(text: string, nowMs: number): string | null {
  const at = Date.parse(text);
  if (at < nowMs - OCCURRED_AT_WINDOW.pastDays * DAY_MS) return `more than ${OCCURRED_AT_WINDOW.pastDays} days before the server's time`;
  if (at > nowMs + OCCURRED_AT_WINDOW.futureDays * DAY_MS) return `more than ${OCCURRED_AT_WINDOW.futureDays} days after the server's time`;
  return null;
}

/** The clock-free half of `occurredAtProblem`: whether the text is a real time at all (what a database can store). */
export function instantShapeProblem(text: string): string | null {
  const m = ISO.exec(text);
  if (!m) return 'not an ISO 8601 time with a time zone';
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (y < 1970) return 'a year before 1970';
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return 'no such time in the calendar';
  if (m[8] && (Number(m[9]) * 60 + Number(m[10]) > 14 * 60 || Number(m[10]) > 59)) return 'a time-zone offset beyond ±14:00';
  // 9999-12-31T23:59-14:00 is in the year 10000 in UTC, which no ISO text of four digits can say back.
  if (Date.parse(text) >= Date.UTC(10_000, 0, 1)) return 'a time past the year 9999';
  return null;
}

/** A payload with every string made safe by `cleanText`: what a device queues is never refused for its text. */
export function cleanPayload<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanPayload) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanPayload(v)])) as T;
  return value;
}
