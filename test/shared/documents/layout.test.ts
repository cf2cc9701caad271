import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutDocument, type PaperLine } from '../../../shared/documents';
import { formatMoney } from '../../../shared/domain/money';
import { sampleDocuments } from './sample-documents';

/** Paper as text: each line padded to the paper's width, then its attributes (B bold, D double). */
export function paperText(lines: PaperLine[], columns: number): string {
  return lines.map((l) => {
    if (l.kind === 'cut') return '✂'.repeat(columns);
    if (l.kind === 'qr') return `[QR ${l.data}]`;
    return `${l.text.padEnd(columns)}|${l.bold ? 'B' : ''}${l.double ? 'D' : ''}`;
  }).join('\n') + '\n';
}

const KINDS = ['receipt', 'sale', 'warranty', 'refund', 'return', 'passbook', 'passbook-summary', 'selftest', 'daysummary'] as const;

describe('paper documents laid out in columns', () => {
  describe.each(['ru', 'en'] as const)('%s', (lang) => {
    it.each(KINDS.flatMap((kind) => [32, 42, 48].map((columns) => [kind, columns] as const)))('%s at %i columns matches its golden text', async (kind, columns) => {
      const lines = layoutDocument(sampleDocuments(lang)[kind], { columns });
      for (const l of lines) if (l.kind === 'text') expect(l.text.length, l.text).toBeLessThanOrEqual(columns);
      await expect(paperText(lines, columns)).toMatchFileSnapshot(`golden/${kind}-${lang}-${columns}.txt`);
    });

    it.each(KINDS)('%s in large print (42 columns, double size) matches its golden text', async (kind) => {
      const lines = layoutDocument(sampleDocuments(lang)[kind], { columns: 42, large: true });
      for (const l of lines) if (l.kind === 'text') expect(l.text.length).toBeLessThanOrEqual(21);
      await expect(paperText(lines, 21)).toMatchFileSnapshot(`golden/${kind}-${lang}-42-large.txt`);
    });
  });

  it('a reprint says КОПИЯ first, in double height', () => {
    const doc = { ...sampleDocuments('ru').receipt, copy: true };
    expect(layoutDocument(doc, { columns: 32 })[0]).toEqual({ kind: 'text', text: `${' '.repeat(13)}КОПИЯ`, bold: true, double: true });
  });

  it('no line is ever wider than the paper and no sum of money is ever split', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 90 }), kopecks: fc.integer({ min: 0, max: 99_999_999_99 }) }), { minLength: 1, maxLength: 5 }),
      fc.constantFrom(32, 42, 48), fc.boolean(), fc.constantFrom('ru' as const, 'en' as const),
      (items, columns, large, lang) => {
        const doc = {
          id: 'x', type: 'receipt' as const, lang, copy: false,
          blocks: items.map((i) => ({ kind: 'pair' as const, left: i.name, right: formatMoney(i.kopecks, lang) })),
        };
        const lines = layoutDocument(doc, { columns, large }).filter((l) => l.kind === 'text');
        const width = large ? columns / 2 : columns;
        for (const l of lines) expect(l.text.length).toBeLessThanOrEqual(width);
        for (const i of items) {
          const money = formatMoney(i.kopecks, lang);
          if (money.length <= width) expect(lines.some((l) => l.text.includes(money))).toBe(true);
        }
      },
    ));
  });
});
