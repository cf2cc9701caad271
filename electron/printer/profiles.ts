/**
 * What okno knows about each printer model: how many columns its paper has, which
 * Cyrillic code page to pin and under which number (`ESC t n` differs by vendor), and
 * whether it can cut. Code pages are pinned, never "auto": automatic choice picks wrong
 * tables on some clones (printing.md).
 */
export type PrinterProfile = {
  model: string;
  /** the encoder's name for the model, for its command dialect */
  encoderModel?: 'epson-tm-t20iii' | 'epson-tm-t88vi' | 'citizen-ct-s310ii' | 'xprinter-xp-n160ii' | 'pos-5890' | 'bixolon-srp350iii';
  columns: 32 | 42 | 48;
  codePage: 'cp866' | 'windows1251';
  /** the number this model's firmware gives that code page (ESC t n) */
  codePageNumber: number;
  cutter: boolean;
};

export const PRINTER_PROFILES: Record<string, PrinterProfile> = {
  'epson-tm-t20iii': { model: 'Epson TM-T20III', encoderModel: 'epson-tm-t20iii', columns: 48, codePage: 'cp866', codePageNumber: 17, cutter: true },
  'epson-tm-t88vi': { model: 'Epson TM-T88VI', encoderModel: 'epson-tm-t88vi', columns: 42, codePage: 'cp866', codePageNumber: 17, cutter: true },
  'citizen-ct-s310ii': { model: 'Citizen CT-S310II', encoderModel: 'citizen-ct-s310ii', columns: 48, codePage: 'cp866', codePageNumber: 7, cutter: true },
  'xprinter-xp-n160ii': { model: 'XPrinter XP-N160II', encoderModel: 'xprinter-xp-n160ii', columns: 48, codePage: 'windows1251', codePageNumber: 23, cutter: true },
  'pos-58': { model: 'POS-58 (58 mm clone)', encoderModel: 'pos-5890', columns: 32, codePage: 'cp866', codePageNumber: 17, cutter: false },
  'bixolon-srp350iii': { model: 'Bixolon SRP-350III', encoderModel: 'bixolon-srp350iii', columns: 42, codePage: 'windows1251', codePageNumber: 28, cutter: true },
};

export type ProfileLookup = { ok: true; profile: PrinterProfile } | { ok: false; code: 'unknown-model'; known: string[] };

/** A profile by its id, optionally with other columns (a 58 mm roll in an 80 mm printer). */
export function findProfile(id: string, columns?: number): ProfileLookup {
  const profile = PRINTER_PROFILES[id];
  if (!profile) return { ok: false, code: 'unknown-model', known: Object.keys(PRINTER_PROFILES) };
  return { ok: true, profile: columns ? { ...profile, columns: columns as PrinterProfile['columns'] } : profile };
}
