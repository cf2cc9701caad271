import qrcode from 'qrcode-generator';

/** An SVG path of the QR code's dark modules, one unit per module, and the side length. */
export function qrPath(data: string): { d: string; size: number } {
  const qr = qrcode(0, 'M');
  qr.addData(data);
  qr.make();
  const size = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) if (qr.isDark(row, col)) d += `M${col} ${row}h1v1h-1z`;
  }
  return { d, size };
}
