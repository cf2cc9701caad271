import { describe, expect, it } from 'vitest';
import { encodeCodePage } from '../../../electron/printer/codepage';
import { renderEscPos } from '../../../electron/printer/render-escpos';
import { PRINTER_PROFILES, type PrinterProfile } from '../../../electron/printer/profiles';
import { substituteFor } from '../../../electron/printer/substitute';
import { layoutDocument, RUSSIAN_ALPHABET } from '../../../shared/documents';
import { decodeEscPos, type CodePageTable, type DecodedLine } from '../../fakes/escpos-decoder';
import { selfTestSlip } from '../../../electron/printer/samples';
import { sampleDocuments } from '../../shared/documents/sample-documents';

/** Each vendor's numbers for the two Cyrillic code pages, from their manuals. */
const TABLES: Record<string, CodePageTable> = {
  epson: { 17: 'ibm866', 46: 'windows-1251' },
  citizen: { 7: 'ibm866' },
  xprinter: { 23: 'windows-1251' },
  bixolon: { 28: 'windows-1251' },
};
const tableFor = (id: string) => TABLES[id.startsWith('citizen') ? 'citizen' : id.startsWith('xprinter') ? 'xprinter' : id.startsWith('bixolon') ? 'bixolon' : 'epson']!;

/** The paper as text: one line each, with B (bold), H (double height), W (double width). */
function paper(lines: DecodedLine[]): string {
  return lines.map((l) => l.kind === 'text' ? `${l.text}${l.bold || l.doubleHeight || l.doubleWidth ? `   ‹${l.bold ? 'B' : ''}${l.doubleHeight ? 'H' : ''}${l.doubleWidth ? 'W' : ''}›` : ''}`
    : l.kind === 'qr' ? `[QR ${l.data}]` : l.kind === 'cut' ? '✂ — cut' : `[barcode ${l.data}]`).join('\n') + '\n';
}

const PROFILES_BY_WIDTH: [number, string][] = [[32, 'pos-58'], [42, 'epson-tm-t88vi'], [48, 'epson-tm-t20iii']];
const KINDS = ['receipt', 'sale', 'warranty', 'refund', 'return', 'passbook', 'passbook-summary', 'selftest', 'daysummary'] as const;
const SELFTEST_ID = '0193a000-0000-7000-8000-000000000004';
const PRINTED_AT = '2026-11-23T11:05:00Z';

describe('ESC/POS bytes decode to the right Russian paper', () => {
  describe.each(['ru', 'en'] as const)('%s', (lang) => {
    it.each(KINDS.flatMap((kind) => PROFILES_BY_WIDTH.map(([columns, id]) => [kind, columns, id] as const)))('%s at %i columns (%s)', async (kind, columns, id) => {
      const profile = PRINTER_PROFILES[id]!;
      // The self-test describes the printer it is printed on.
      const doc = kind === 'selftest' ? selfTestSlip(profile, lang, SELFTEST_ID, PRINTED_AT, 'Europe/Moscow') : sampleDocuments(lang)[kind];
      const decoded = decodeEscPos(renderEscPos(doc, profile), tableFor(id));
      // The paper says exactly what the layout says, after the code page's substitutions
      // (blank lines aside: the printer feeds paper after a QR code and before a cut).
      const expected = layoutDocument(doc, { columns, substitute: substituteFor(profile.codePage) });
      const printed = (lines: { kind: string; text?: string }[]) => lines.flatMap((l) => (l.kind === 'text' && l.text!.trim() ? [l.text!.trimEnd()] : []));
      expect(printed(decoded)).toEqual(printed(expected));
      const text = paper(decoded);
      expect(text).not.toContain('?');
      await expect(text).toMatchFileSnapshot(`golden/${kind}-${lang}-${columns}.txt`);
    });
  });

  it.each(Object.entries(PRINTER_PROFILES))('the self-test alphabet survives the code page of %s', (id, profile: PrinterProfile) => {
    const doc = sampleDocuments('ru').selftest;
    const lines = decodeEscPos(renderEscPos(doc, profile), tableFor(id)).flatMap((l) => (l.kind === 'text' ? [l.text.trim()] : []));
    for (const half of [...RUSSIAN_ALPHABET.upper, ...RUSSIAN_ALPHABET.lower]) expect(lines).toContain(half);
    expect(lines.join('\n')).toContain('№');
    expect(lines.join('\n')).toContain('руб.');
  });

  it('totals print bold and double height; a 58 mm printer without a cutter feeds instead of cutting', () => {
    const decoded = decodeEscPos(renderEscPos(sampleDocuments('ru').receipt, PRINTER_PROFILES['pos-58']!), tableFor('pos-58'));
    expect(decoded.find((l) => l.kind === 'text' && l.text.startsWith('ИТОГО'))).toMatchObject({ bold: true, doubleHeight: true, doubleWidth: false });
    expect(decoded.some((l) => l.kind === 'cut')).toBe(false);
    expect(decoded).toContainEqual({ kind: 'qr', data: 'okno:receipt:0193a000-0000-7000-8000-000000000001' });
  });

  it('large print is double width and height, at half the columns', () => {
    const decoded = decodeEscPos(renderEscPos(sampleDocuments('ru').warranty, PRINTER_PROFILES['epson-tm-t88vi']!, { large: true }), TABLES.epson);
    const text = decoded.filter((l) => l.kind === 'text');
    expect(text.every((l) => l.text.length <= 21)).toBe(true);
    expect(text.filter((l) => l.text.trim()).every((l) => l.doubleHeight && l.doubleWidth)).toBe(true);
  });

  it('a character no Cyrillic code page has prints as "_", never as "?"', () => {
    expect([...encodeCodePage('Чайник 中 №', 'cp866')]).toEqual([...encodeCodePage('Чайник _ №', 'cp866')]);
    expect(new TextDecoder('windows-1251').decode(encodeCodePage('Ёлка • 中', 'windows1251'))).toBe('Ёлка • _');
  });

  it('the decoder refuses bytes it does not know instead of passing them', () => {
    expect(() => decodeEscPos(new Uint8Array([0x1b, 0x40, 0x1b, 0x7f]))).toThrow(/unknown command ESC 0x7f/);
  });
});
