import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from '../../../shared/domain/canonical-json';

/** The same value with every object's keys in reverse order, as another client might send it. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
}

describe('canonical JSON (the fingerprint that tells a retry from a conflict)', () => {
  it('is the same text whatever order the keys came in, and reads back as the same value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.stringMatching(/^(0|[1-9][0-9]{0,2}|[a-z]{1,3})$/), fc.jsonValue({ maxDepth: 2 }))), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(reversedKeys(value))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('sorts keys at every level and leaves out undefined ones', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: undefined } })).toBe('{"a":{"d":[2,{"e":"x","f":null}]},"b":1}');
  });

  it('sorts keys that look like array indexes as text too ("10" before "2")', () => {
    expect(canonicalJson({ b: [{ '2': 'two', '10': 'ten', a: 1 }], a: 0 })).toBe('{"a":0,"b":[{"10":"ten","2":"two","a":1}]}');
  });
});
