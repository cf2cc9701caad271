import { formatDateTime } from '../domain/datetime';
import { formatMoney, type Lang } from '../domain/money';
import type { Block, PaperDocument } from './model';
import { paperStrings } from './strings';

/** The alphabet in halves of 16–17 letters, so each fits a line of the narrowest paper. */
export const RUSSIAN_ALPHABET = {
  upper: ['АБВГДЕЁЖЗИЙКЛМНОП', 'РСТУФХЦЧШЩЪЫЬЭЮЯ'],
  lower: ['абвгдеёжзийклмноп', 'рстуфхцчшщъыьэюя'],
  signs: '№ « » ₽ — … • 0123456789',
};

/**
 * The slip an installer prints first: the whole Russian alphabet, the signs the printer's
 * code page lacks (printed as their substitutes), a ruler as wide as the configured
 * columns, a sum of money and a QR code. One glance says whether the mapping is right.
 */
export function buildSelfTest(input: { id: string; printerModel: string; columns: number; codePage: string; printedAt: string; timeZone?: string }, lang: Lang): PaperDocument {
  const s = paperStrings(lang);
  const ruler = Array.from({ length: input.columns }, (_, i) => String((i + 1) % 10)).join('');
  const blocks: Block[] = [
    { kind: 'text', text: s.selftestTitle, align: 'center', bold: true, size: 'double' },
    { kind: 'text', text: formatDateTime(input.printedAt, lang, input.timeZone), align: 'center' },
    { kind: 'rule' },
    { kind: 'pair', left: s.selftestModel, right: input.printerModel },
    { kind: 'pair', left: s.selftestColumns, right: String(input.columns) },
    { kind: 'pair', left: s.selftestCodepage, right: input.codePage },
    { kind: 'rule' },
    { kind: 'text', text: `${s.selftestAlphabet}:` },
    ...RUSSIAN_ALPHABET.upper.map((text): Block => ({ kind: 'text', text })),
    ...RUSSIAN_ALPHABET.lower.map((text): Block => ({ kind: 'text', text })),
    { kind: 'text', text: RUSSIAN_ALPHABET.signs },
    ...RUSSIAN_ALPHABET.upper.map((text): Block => ({ kind: 'text', text, bold: true })),
    { kind: 'text', text: `${s.selftestRuler}:` },
    { kind: 'text', text: ruler },
    { kind: 'pair', left: s.selftestMoney, right: formatMoney(1_234_567, lang), size: 'double' },
    { kind: 'qr', data: `okno:selftest:${input.id}` },
    { kind: 'text', text: s.selftestOk },
    { kind: 'cut' },
  ];
  return { id: input.id, type: 'selftest', lang, copy: false, blocks };
}
