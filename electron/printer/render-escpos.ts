import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { layoutDocument, type PaperDocument } from '../../shared/documents';
import { encodeCodePage } from './codepage';
import type { PrinterProfile } from './profiles';
import { substituteFor } from './substitute';

/**
 * A paper document as ESC/POS bytes for one printer profile. The layout is okno's own
 * (shared/documents/layout.ts), so the paper shows what the on-screen preview and the
 * golden text show; the encoder writes the commands (bold, size, QR, cut), codepage.ts the
 * text in the code page pinned by the profile. Double height (GS ! 0x01) keeps the column count; large print
 * is double width and height with half the columns.
 *
 * Text is encoded with the pinned code page by codepage.ts and sent raw: the lines are
 * laid out already, and the encoder's own wrapping and code-page search cost 60 µs a line.
 */
export function renderEscPos(document: PaperDocument, profile: PrinterProfile, options: { large?: boolean } = {}): Uint8Array {
  const encoder = new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: profile.columns,
    ...(profile.encoderModel ? { printerModel: profile.encoderModel } : {}),
    feedBeforeCut: 4,
    errors: 'strict',
  });
  // ESC t n with the profile's pinned number: the encoder would only select a code page
  // for text it encodes itself, and ours goes in raw.
  encoder.initialize().raw([0x1b, 0x74, profile.codePageNumber]);
  const lines = layoutDocument(document, { columns: profile.columns, large: options.large ?? false, substitute: substituteFor(profile.codePage) });
  for (const line of lines) {
    if (line.kind === 'cut') {
      if (profile.cutter) encoder.cut('partial');
      else encoder.newline(4);
    } else if (line.kind === 'qr') {
      encoder.align('center').qrcode(line.data, { model: 2, size: 6, errorlevel: 'm' }).align('left');
    } else {
      encoder.bold(line.bold);
      if (line.double) encoder.size(options.large ? 2 : 1, 2);
      encoder.raw(encodeCodePage(line.text, profile.codePage)).newline();
      if (line.double) encoder.size(1, 1);
      if (line.bold) encoder.bold(false);
    }
  }
  return encoder.encode();
}
