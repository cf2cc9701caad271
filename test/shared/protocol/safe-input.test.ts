import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, inputProblem, occurredAtProblem, textProblem } from '../../../shared/protocol/safe-input';

/** The one check of what may be stored or printed, used by the server's edge and the devices' outbox. */
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 60 });

describe('safe input', () => {
  it('takes the text people write: Cyrillic with ё, Latin, digits, «», №, ₽, emoji, tabs and line breaks', () => {
    for (const t of ['Пётр Иванович', 'Чайник «Витязь» №5, 1 990 ₽', 'Kettle 😀👍🏽', 'строка\nвторая\tтаб', '']) expect(textProblem(t)).toBeNull();
  });

  it('refuses each kind of dangerous character, by name', () => {
    expect(textProblem('a\ud800')).toMatch(/broken character/);
    expect(textProblem('\udc00b')).toMatch(/broken character/);
    expect(textProblem('a\u0000')).toMatch(/control/);
    expect(textProblem('\u001b@')).toMatch(/control/);
    expect(textProblem('\u0085')).toMatch(/control/);
    expect(textProblem('abc\u202edcba')).toMatch(/invisible/);
    expect(textProblem('a\u2066b')).toMatch(/invisible/);
    expect(textProblem('a\u200db')).toMatch(/invisible/);
  });

  it('cleanText makes any UTF-16 string acceptable, and leaves acceptable text as it was', () => {
    fc.assert(fc.property(anyUtf16, (s) => {
      const cleaned = cleanText(s);
      expect(textProblem(cleaned)).toBeNull();
      if (textProblem(s) === null) expect(cleaned).toBe(s);
    }), { numRuns: 2000 });
  });

  it('finds the first problem deep in a value, names its path, and walks 100,000 levels without recursion', () => {
    expect(inputProblem({ lines: [{ name: 'ok' }, { name: 'x\u0000' }] }, 'payload')).toBe('payload.lines.1.name: text with a control character');
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem(deep, 'body', 200_000)).toBeNull();
    expect(inputProblem(deep, 'body')).toMatch(/nested deeper than 32/);
    expect(inputProblem({ n: 2 ** 53 }, 'p')).toMatch(/2\^53/);
  });

  it('IsoDateTime, every contract’s time, is a time a database stores and gives back the same way', async () => {
    const { IsoDateTime } = await import('../../../shared/protocol/common');
    expect(IsoDateTime.safeParse('2026-12-02T11:00:00+03:00').success).toBe(true);
    for (const t of ['0000-01-01T00:00:00Z', '2026-01-01T00:00:00+16:00', '9999-12-31T23:59:59-14:00', '2026-02-30T00:00:00Z']) expect(IsoDateTime.safeParse(t).success, t).toBe(false);
  });

  it('a device time: a real time near the server’s', () => {
    const now = Date.parse('2026-12-02T08:00:00Z');
    expect(occurredAtProblem('2026-12-02T11:00:00+03:00', now)).toBeNull();
    expect(occurredAtProblem('2026-10-05T08:00:00Z', now)).toBeNull();
    expect(occurredAtProblem('2026-09-01T08:00:00Z', now)).toMatch(/60 days before/);
    expect(occurredAtProblem('2026-12-04T09:00:00Z', now)).toMatch(/2 days after/);
    expect(occurredAtProblem('2026-02-29T08:00:00Z', now)).toMatch(/no such time/);
    expect(occurredAtProblem('2026-12-02T08:00:00+14:30', now)).toMatch(/offset/);
  });
});
