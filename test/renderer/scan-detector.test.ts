import { describe, expect, it } from 'vitest';
import { createScanDetector, scanKey } from '../../renderer/input/scan-detector';

function feed(keys: string[], gapMs: number) {
  const d = createScanDetector();
  let t = 1000;
  let result: string | null = null;
  for (const k of keys) { result = d.key(k, t); t += gapMs; }
  return result;
}

describe('scan detector', () => {
  it.each([
    ['a scanner: 8 digits 5 ms apart, then Enter', [...'47110004', 'Enter'], 5, '47110004'],
    ['a person typing 8 digits 150 ms apart', [...'47110004', 'Enter'], 150, null],
    ['a fast burst too short for a code', [...'4711', 'Enter'], 5, null],
    ['a burst broken by Backspace', [...'4711', 'Backspace', ...'0004', 'Enter'], 5, null],
  ])('%s', (_name, keys, gap, expected) => {
    expect(feed(keys, gap)).toBe(expected);
  });

  it('a scan after slow typing still reads only the burst', () => {
    const d = createScanDetector();
    d.key('1', 0);
    d.key('2', 400);
    let t = 2000;
    for (const k of '47110004') d.key(k, (t += 4));
    expect(d.key('Enter', t + 4)).toBe('47110004');
  });
});

describe('scanner keys by physical key', () => {
  it.each([
    ['Digit4', '4'], ['Numpad7', '7'], ['KeyK', 'K'], ['KeyZ', 'Z'], ['Minus', '-'], ['NumpadSubtract', '-'],
    ['Enter', 'Enter'], ['NumpadEnter', 'Enter'], ['ShiftLeft', null], ['Semicolon', null], ['Backspace', null],
  ])('%s is %s, whatever the keyboard layout makes of it', (code, expected) => {
    expect(scanKey(code)).toBe(expected);
  });
});
