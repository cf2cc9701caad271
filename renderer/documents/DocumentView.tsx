import type { Block, PaperDocument } from '../../shared/documents';
import { paperStrings } from '../../shared/documents';
import { qrPath } from './qr-path';

/**
 * The HTML rendering of a paper document: the on-screen preview and, in a plain browser,
 * what the print dialog prints. It reads the same model as the ESC/POS renderer, so the
 * preview shows what is on the paper.
 */
export function DocumentView({ document, label }: { document: PaperDocument; label: string }) {
  return (
    <section className="paper" aria-label={label} lang={document.lang}>
      {document.copy && <p className="paper-line paper-center paper-bold paper-double">{paperStrings(document.lang).copy}</p>}
      {document.blocks.map((block, i) => <BlockView key={i} block={block} />)}
    </section>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'text':
      return <p className={classes('paper-line', `paper-${block.align ?? 'left'}`, block.bold && 'paper-bold', block.size === 'double' && 'paper-double')}>{block.text}</p>;
    case 'pair':
      return (
        <p className={classes('paper-line', 'paper-pair', block.bold && 'paper-bold', block.size === 'double' && 'paper-double')}>
          <span>{block.left}</span>
          <span className="paper-nowrap">{block.right}</span>
        </p>
      );
    case 'columns':
      return (
        <p className={classes('paper-line', 'paper-columns', block.bold && 'paper-bold')}>
          {block.cells.map((cell, i) => (
            <span key={i} className={classes(cell.width === undefined ? 'paper-flex' : 'paper-nowrap', cell.align === 'right' && 'paper-right')}>{cell.text}</span>
          ))}
        </p>
      );
    case 'signature':
      return (
        <p className="paper-line paper-signature">
          <span className="paper-sign-line" aria-hidden="true" />
          <span className="paper-center">{block.label}</span>
        </p>
      );
    case 'rule':
      return <hr className="paper-rule" />;
    case 'blank':
      return <p className="paper-line" aria-hidden="true">&nbsp;</p>;
    case 'qr': {
      const { d, size } = qrPath(block.data);
      return (
        <figure className="paper-qr">
          <svg viewBox={`-2 -2 ${size + 4} ${size + 4}`} role="img" aria-label={block.caption ?? 'QR'}>
            <path d={d} fill="currentColor" />
          </svg>
          {block.caption && <figcaption className="paper-center">{block.caption}</figcaption>}
        </figure>
      );
    }
    case 'cut':
      return <hr className="paper-cut" aria-hidden="true" />;
  }
}

function classes(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
