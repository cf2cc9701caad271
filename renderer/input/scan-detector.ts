/**
 * A barcode/QR scanner is a keyboard that types very fast and ends with Enter. People
 * type a digit every 100 ms or slower; scanners every few ms. Keys that arrive closer
 * together than `maxGapMs` form a burst; Enter after a burst of at least `minLength`
 * characters is a scan. Anything slower is ordinary typing and is left alone.
 */
export type ScanDetector = {
  /** feed every key; returns the scanned text when this key completes a scan */
  key(key: string, atMs: number): string | null;
};

export function createScanDetector(options: { maxGapMs?: number; minLength?: number } = {}): ScanDetector {
  const maxGapMs = options.maxGapMs ?? 50;
  const minLength = options.minLength ?? 8;
  let buffer = '';
  let lastAt = -Infinity;
  return {
    key(key, atMs) {
      const fast = atMs - lastAt <= maxGapMs;
      lastAt = atMs;
      if (key === 'Enter') {
        const scanned = fast && buffer.length >= minLength ? buffer : null;
        buffer = '';
        return scanned;
      }
      if (key.length !== 1) {
        buffer = '';
        return null;
      }
      buffer = fast ? buffer + key : key;
      return null;
    },
  };
}

/**
 * The character a scanner meant, from the physical key (`KeyboardEvent.code`), not from
 * `key`: a keyboard-wedge scanner presses the keys of a US layout, and with a Russian
 * layout active `key` would turn K into «Л». Pickup codes use digits, capital letters
 * and a dash (shared/domain/scan-code.ts), so the key alone decides the character.
 * 'Enter' ends a scan; null for any other key (it breaks a burst).
 */
export function scanKey(code: string): string | null {
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit) return digit[1]!;
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1]!;
  if (code === 'Minus' || code === 'NumpadSubtract') return '-';
  if (code === 'Enter' || code === 'NumpadEnter') return 'Enter';
  return null;
}
