import type { Align, Block, PaperDocument } from './model';
import { paperStrings } from './strings';

/** One printed line: text no wider than the paper, with its attributes. */
export type PaperLine =
  | { kind: 'text'; text: string; bold: boolean; double: boolean }
  | { kind: 'qr'; data: string }
  | { kind: 'cut' };

export type LayoutOptions = {
  /** characters per line at normal width: 32 (58 mm), 42 or 48 (80 mm) */
  columns: number;
  /** large print: double width and height, so half the columns */
  large?: boolean;
  /** replaces characters the printer cannot print before widths are counted (ESC/POS) */
  substitute?: (text: string) => string;
};

/**
 * Lays a document out in fixed columns, as a thermal printer prints it. Rules it keeps:
 * no line is wider than the paper; words wrap, never cut (a word longer than a line
 * is broken); the value of a pair (money, dates, numbers) is never split and stays flush
 * right; no-break spaces hold "1 990,00 ₽" together.
 */
export function layoutDocument(doc: PaperDocument, options: LayoutOptions): PaperLine[] {
  const width = options.large ? Math.floor(options.columns / 2) : options.columns;
  const sub = options.substitute ?? ((t: string) => t);
  const out: PaperLine[] = [];
  const push = (text: string, bold = false, double = false) =>
    out.push({ kind: 'text', text, bold, double: double || Boolean(options.large) });
  if (doc.copy) push(align(sub(paperStrings(doc.lang).copy), width, 'center'), true, true);
  for (const block of doc.blocks) layoutBlock(block, width, sub, push, out);
  return out;
}

function layoutBlock(block: Block, width: number, sub: (t: string) => string, push: (t: string, b?: boolean, d?: boolean) => void, out: PaperLine[]) {
  switch (block.kind) {
    case 'text':
      for (const line of wrap(sub(block.text), width)) push(align(line, width, block.align ?? 'left'), block.bold, block.size === 'double');
      return;
    case 'pair': {
      const left = sub(block.left);
      const right = sub(block.right);
      const double = block.size === 'double';
      if (left.length + 1 + right.length <= width) {
        push(left + ' '.repeat(width - left.length - right.length) + right, block.bold, double);
        return;
      }
      const lines = wrap(left, width);
      const last = lines.pop() ?? '';
      for (const line of lines) push(line, block.bold, double);
      if (last.length + 1 + right.length <= width) push(last + ' '.repeat(width - last.length - right.length) + right, block.bold, double);
      else {
        push(last, block.bold, double);
        for (const line of wrap(right, width)) push(align(line, width, 'right'), block.bold, double);
      }
      return;
    }
    case 'columns':
      for (const line of layoutColumns(block.cells.map((c) => ({ ...c, text: sub(c.text) })), width)) push(line, block.bold);
      return;
    case 'signature':
      push('');
      push('_'.repeat(width));
      for (const line of wrap(sub(block.label), width)) push(align(line, width, 'center'));
      return;
    case 'rule':
      push('-'.repeat(width));
      return;
    case 'blank':
      push('');
      return;
    case 'qr':
      out.push({ kind: 'qr', data: block.data });
      if (block.caption) push(align(sub(block.caption), width, 'center'));
      return;
    case 'cut':
      push('');
      out.push({ kind: 'cut' });
      return;
  }
}

type Cell = { text: string; width?: number; align?: Align };

/** Narrower than this, a text column would break words apart ("Пополнени/е"). */
const MIN_FLEX = 12;

/**
 * A table row. Fixed cells keep their width; the flexible cell gets what is left and
 * wraps beneath itself. When less than MIN_FLEX characters would be left (58 mm paper, large
 * print), the flexible text goes on lines of its own and the fixed cells follow.
 */
function layoutColumns(cells: Cell[], width: number): string[] {
  const fixed = cells.filter((c) => c.width !== undefined).reduce((sum, c) => sum + c.width!, 0);
  const gaps = cells.length - 1;
  const flexWidth = width - fixed - gaps;
  const flexIndex = cells.findIndex((c) => c.width === undefined);
  if (flexIndex >= 0 && flexWidth >= MIN_FLEX) {
    const flexLines = wrap(cells[flexIndex]!.text, flexWidth);
    return flexLines.map((flexText, row) =>
      cells.map((c, i) => i === flexIndex ? cell(flexText, flexWidth, c.align) : row === 0 ? cell(c.text, c.width!, c.align) : ' '.repeat(c.width!)).join(' ').trimEnd());
  }
  // Narrow paper: the cells before the flexible one and the flexible text, wrapped; then
  // the cells after it (the money), together flush right if they fit, else one a line.
  const before = cells.slice(0, Math.max(0, flexIndex)).map((c) => c.text);
  const after = flexIndex >= 0 ? cells.slice(flexIndex + 1) : cells;
  const lines = flexIndex >= 0 ? wrap([...before, cells[flexIndex]!.text].join(' '), width) : [];
  const together = after.map((c) => c.text).join(' ');
  if (together.length <= width) lines.push(align(together, width, 'right'));
  else for (const c of after) lines.push(align(c.text, width, 'right'));
  return lines;
}

/** Words onto lines of at most `width`; a word longer than a line is broken. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ').filter((w) => w !== '')) {
      while (word.length > width) {
        if (line) { lines.push(line); line = ''; }
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else { lines.push(line); line = word; }
    }
    lines.push(line);
  }
  return lines;
}

/** A table cell: exactly `width` characters. */
function cell(text: string, width: number, how: Align = 'left'): string {
  const aligned = align(text, width, how);
  return aligned.padEnd(width).slice(0, Math.max(width, aligned.length));
}

function align(text: string, width: number, how: Align): string {
  const room = Math.max(0, width - text.length);
  if (how === 'right') return ' '.repeat(room) + text;
  if (how === 'center') return (' '.repeat(Math.floor(room / 2)) + text).trimEnd();
  return text;
}
