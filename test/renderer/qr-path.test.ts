import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrPath } from '../../renderer/documents/qr-path';
import { formatScanCode } from '../../shared/domain/scan-code';

/** Paints the path's modules (4 px each, a 4-module quiet zone) and reads it back as a phone's camera would. */
function decode(data: string): string | null {
  const { d, size } = qrPath(data);
  const scale = 4;
  const side = (size + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, col, row] of d.matchAll(/M(\d+) (\d+)/g)) {
    for (let y = 0; y < scale; y++) {
      for (let x = 0; x < scale; x++) {
        const i = (((Number(row) + 4) * scale + y) * side + (Number(col) + 4) * scale + x) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}

describe('the on-screen QR code', () => {
  it.each([
    ['a receipt id', '0193a000-0000-7000-8000-000000000001'],
    ['a pickup code with its secret', formatScanCode('47110004', 'K7M2Q9XW4P3RT6YA')],
    ['a long warranty reference', `okno:warranty:${'0193a000-0000-7000-8000-000000000002'}:MSK1-K01-000042`],
  ])('reads back as what it encodes: %s', (_what, data) => {
    expect(decode(data)).toBe(data);
  });
});
