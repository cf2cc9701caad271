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
