import { renderEscPos } from '../../../electron/printer/render-escpos';
import { PRINTER_PROFILES } from '../../../electron/printer/profiles';
import type { PaperDocument } from '../../../shared/documents';
import { decodeEscPos } from '../../fakes/escpos-decoder';

/** The paper as a person reads it, from the ESC/POS bytes a 42-column Epson would get. */
export const paperText = (doc: PaperDocument): string => decodeEscPos(renderEscPos(doc, PRINTER_PROFILES['epson-tm-t88vi']!), { 17: 'ibm866' })
  .flatMap((l) => (l.kind === 'text' ? [l.text.trimEnd()] : [])).join('\n');
