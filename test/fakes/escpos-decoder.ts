/**
 * Turns ESC/POS bytes back into what the paper shows: lines of text with their
 * attributes, QR codes and cuts. Written for the tests from the ESC/POS command
 * reference, independent of the encoder it checks: it decodes text with the WHATWG code
 * pages (TextDecoder 'ibm866' = CP866, 'windows-1251') chosen by the `ESC t n` number
 * through a vendor's table, and refuses any command it does not know, so a stray byte
 * fails a test instead of passing unseen.
 */
export type DecodedLine =
  | { kind: 'text'; text: string; bold: boolean; doubleHeight: boolean; doubleWidth: boolean; align: 'left' | 'center' | 'right' }
  | { kind: 'qr'; data: string }
  | { kind: 'cut' }
  | { kind: 'barcode'; data: string };

export type CodePageTable = Record<number, 'ibm866' | 'windows-1251' | 'cp437'>;
/** Epson and most clones: CP866 is 17, Windows-1251 is 46; Citizen, XPrinter, Bixolon differ. */
export const EPSON_CODE_PAGES: CodePageTable = { 0: 'cp437', 17: 'ibm866', 46: 'windows-1251' };

export class EscPosDecodeError extends Error {
  override name = 'EscPosDecodeError';
}

export function decodeEscPos(bytes: Uint8Array, codePages: CodePageTable = EPSON_CODE_PAGES): DecodedLine[] {
  const out: DecodedLine[] = [];
  let state = fresh();
  let text: number[] = [];
  // A line's attributes are those its printed characters had: encoders switch bold or
  // double size back off before the line feed, not after it.
  let look = { bold: false, doubleHeight: false, doubleWidth: false, align: 'left' as 'left' | 'center' | 'right' };
  let qrData = '';
  let i = 0;
  const need = (n: number) => {
    if (i + n > bytes.length) throw new EscPosDecodeError(`command at byte ${i} is cut short`);
  };
  const decodeText = () => {
    const encoding = codePages[state.codePage];
    if (!encoding) throw new EscPosDecodeError(`text in code page ${state.codePage}, which this printer table does not have`);
    if (encoding === 'cp437') return String.fromCharCode(...text.map((b) => (b < 0x80 ? b : 0x3f)));
    return new TextDecoder(encoding).decode(new Uint8Array(text));
  };
  const endLine = () => {
    out.push({ kind: 'text', text: decodeText(), ...look });
    text = [];
    look = { bold: false, doubleHeight: false, doubleWidth: false, align: state.align };
  };

  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) { endLine(); i += 1; continue; }
    if (b === 0x0d) { i += 1; continue; }
    if (b >= 0x20) {
      if (text.length === 0) look.align = state.align;
      if (b !== 0x20) look = { ...look, bold: look.bold || state.bold, doubleHeight: look.doubleHeight || state.height > 1, doubleWidth: look.doubleWidth || state.width > 1 };
      text.push(b);
      i += 1;
      continue;
    }
    if (b === 0x1b) {
      need(2);
      const c = bytes[i + 1]!;
      switch (c) {
        case 0x40: state = fresh(); i += 2; continue; // ESC @ initialise
        case 0x45: need(3); state.bold = (bytes[i + 2]! & 1) === 1; i += 3; continue; // ESC E n
        case 0x4d: need(3); i += 3; continue; // ESC M n font
        case 0x74: need(3); state.codePage = bytes[i + 2]!; i += 3; continue; // ESC t n
        case 0x61: need(3); state.align = (['left', 'center', 'right'] as const)[bytes[i + 2]! % 3]!; i += 3; continue; // ESC a n
        case 0x2d: need(3); i += 3; continue; // ESC - n underline
        case 0x21: { need(3); const n = bytes[i + 2]!; state.bold = (n & 8) !== 0; state.height = n & 16 ? 2 : 1; state.width = n & 32 ? 2 : 1; i += 3; continue; } // ESC ! n
        case 0x64: { need(3); if (text.length) endLine(); for (let k = 0; k < bytes[i + 2]!; k++) endLine(); i += 3; continue; } // ESC d n
        case 0x4a: case 0x33: need(3); i += 3; continue; // ESC J n feed dots, ESC 3 n spacing
        case 0x32: i += 2; continue; // ESC 2 default spacing
        default: throw new EscPosDecodeError(`unknown command ESC 0x${c.toString(16)} at byte ${i}`);
      }
    }
    if (b === 0x1c) { need(2); if (bytes[i + 1] === 0x2e) { i += 2; continue; } throw new EscPosDecodeError(`unknown command FS 0x${bytes[i + 1]!.toString(16)} at byte ${i}`); }
    if (b === 0x1d) {
      need(2);
      const c = bytes[i + 1]!;
      switch (c) {
        case 0x21: { need(3); const n = bytes[i + 2]!; state.width = (n >> 4) + 1; state.height = (n & 15) + 1; i += 3; continue; } // GS ! n
        case 0x56: { need(3); const m = bytes[i + 2]!; i += m >= 65 ? 4 : 3; if (text.length) endLine(); out.push({ kind: 'cut' }); continue; } // GS V m [n]
        case 0x42: need(3); i += 3; continue; // GS B n invert
        case 0x61: case 0x72: need(3); i += 3; continue; // GS a n status back, GS r n status request
        case 0x28: { // GS ( k pL pH cn fn …
          need(5);
          const fnLength = bytes[i + 3]! + bytes[i + 4]! * 256;
          if (bytes[i + 2] !== 0x6b) throw new EscPosDecodeError(`unknown command GS ( 0x${bytes[i + 2]!.toString(16)} at byte ${i}`);
          need(5 + fnLength);
          const body = bytes.slice(i + 5, i + 5 + fnLength);
          if (body[0] === 0x31 && body[1] === 0x50) qrData = new TextDecoder().decode(body.slice(3)); // store QR data
          if (body[0] === 0x31 && body[1] === 0x51) { out.push({ kind: 'qr', data: qrData }); qrData = ''; } // print it
          i += 5 + fnLength;
          continue;
        }
        case 0x6b: { // GS k m n d… (function B)
          need(4);
          const n = bytes[i + 3]!;
          out.push({ kind: 'barcode', data: new TextDecoder().decode(bytes.slice(i + 4, i + 4 + n)) });
          i += 4 + n;
          continue;
        }
        default: throw new EscPosDecodeError(`unknown command GS 0x${c.toString(16)} at byte ${i}`);
      }
    }
    if (b === 0x10) { need(3); i += 3; continue; } // DLE EOT n / DLE ENQ n: real-time, prints nothing
    throw new EscPosDecodeError(`unknown control byte 0x${b.toString(16)} at byte ${i}`);
  }
  if (text.length) endLine();
  return out;
}

function fresh() {
  return { bold: false, width: 1, height: 1, align: 'left' as 'left' | 'center' | 'right', codePage: 0 };
}
