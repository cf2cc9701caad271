import { correction, generate } from 'lean-qr';

/**
 * An SVG path of the QR code's dark modules, one unit per module, and the side length.
 * Level M, as on paper (the printer's own GS ( k QR). lean-qr rather than a full QR
 * library: it is a fifth of the size, and the kiosk's JavaScript has a budget
 * (docs/benchmarks.md, bench:kiosk); test/renderer/qr-path.test.ts decodes its output.
 */
export function qrPath(data: string): { d: string; size: number } {
  const qr = generate(data, { minCorrectionLevel: correction.M });
  let d = '';
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) if (qr.get(col, row)) d += `M${col} ${row}h1v1h-1z`;
  }
  return { d, size: qr.size };
}
