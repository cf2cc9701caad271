/**
 * A paper document as a printer-independent model: what is on the paper, not how a
 * particular printer makes it. Two renderers read it: HTML in the renderer (on-screen
 * preview, printing from a plain browser) and ESC/POS bytes in electron/ (thermal
 * printers). A line that must not be split (a sum of money) is one `pair`.
 */
export type TextSize = 'normal' | 'double';
export type Align = 'left' | 'center' | 'right';

export type Block =
  | { kind: 'text'; text: string; align?: Align; bold?: boolean; size?: TextSize }
  /** label on the left, value flush right; the value is never broken across lines */
  | { kind: 'pair'; left: string; right: string; bold?: boolean; size?: TextSize }
  /**
   * A table row: cells with a fixed width keep it (money, dates); the one cell without a
   * width takes the rest of the line and wraps onto further lines when it is long.
   */
  | { kind: 'columns'; cells: { text: string; width?: number; align?: Align }[]; bold?: boolean }
  /** a line to sign on, with what it is for beneath it */
  | { kind: 'signature'; label: string }
  | { kind: 'rule' }
  | { kind: 'blank' }
  | { kind: 'qr'; data: string; caption?: string }
  | { kind: 'cut' };

export type DocumentType = 'receipt' | 'warranty' | 'refund' | 'passbook' | 'selftest' | 'daysummary';

export type PaperDocument = {
  /** unique per printed document: the print journal and reprints key on it */
  id: string;
  type: DocumentType;
  lang: 'ru' | 'en';
  /** a reprint: every renderer marks it КОПИЯ / COPY */
  copy: boolean;
  blocks: Block[];
};
