import { useKiosk } from '../kiosk-context';

/** A picture's colours, from the theme (kiosk.css has the same ones): it reads in high contrast too. */
export type Palette = { line: string; fill: string; bg: string; mark: string; text: string };
const PALETTES: Record<'normal' | 'contrast', Palette> = {
  normal: { line: '#111111', fill: '#e8edf4', bg: '#ffffff', mark: '#b34700', text: '#111111' },
  contrast: { line: '#ffffff', fill: '#000000', bg: '#000000', mark: '#ffff00', text: '#ffffff' },
};

/** The theme's palette for this visit. */
export function usePalette(): Palette {
  return PALETTES[useKiosk().session.prefs.contrast ? 'contrast' : 'normal'];
}

/** Text put inside a drawing, safe as XML. */
export function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A picture drawn for okno (no stock images, nothing fetched), as an image of its own SVG:
 * an informative one carries its words as its alternative text, a decorative one has none
 * (hidden from screen readers). Being an image, the words drawn in it are part of the
 * picture, not page text.
 */
export function Picture({ label, width, height, svg, testId }: { label: string | null; width: number; height: number; svg: string; testId: string }) {
  const markup = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">${svg}</svg>`;
  return <img className="picture" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`} alt={label ?? ''} width={width} height={height} data-testid={testId} />;
}
