/**
 * JSON with object keys in code-point order at every depth, so two sides that hold the
 * same value write the same text whatever order its keys were built or parsed in: what a
 * signature is made over (staff-proof.ts). Numbers and strings are written as
 * JSON.stringify writes them, which is the same on every JavaScript engine; `undefined`
 * members are left out as JSON.stringify leaves them out.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
