import type { ScannerPlace } from '../../../shared/protocol/ipc';
import { useKiosk } from '../kiosk-context';
import { Picture, usePalette } from './Picture';

/**
 * Where the scanner is on this kiosk (the installer says where: panel.scanner) and how to
 * hold a code or a card to it: flat, a hand's width from the window.
 */
export function ScannerPicture({ holding, place }: { holding: 'code' | 'card'; place: ScannerPlace }) {
  const { t } = useKiosk();
  const p = usePalette();
  const line = `stroke="${p.line}" stroke-width="4"`;
  // The kiosk's front: the screen, and the scanner's window below it or at its side.
  const scanner = { 'below-screen': { x: 155, y: 300 }, 'right-of-screen': { x: 300, y: 140 }, 'left-of-screen': { x: 10, y: 140 } }[place];
  const side = place !== 'below-screen';
  const held = side ? { x: scanner.x + 27, y: 10 } : { x: scanner.x + 27, y: 150 };
  const thing = holding === 'code'
    ? `<rect x="${held.x}" y="${held.y}" width="56" height="96" rx="8" fill="${p.bg}" ${line}/><path d="M${held.x + 10} ${held.y + 16}h36v36h-36z" fill="${p.line}"/>`
    : `<rect x="${held.x - 20}" y="${held.y + 20}" width="96" height="60" rx="8" fill="${p.bg}" ${line}/><path d="M${held.x - 8} ${held.y + 56}h4v18h-4zM${held.x + 2} ${held.y + 56}h2v18h-2zM${held.x + 8} ${held.y + 56}h6v18h-6zM${held.x + 18} ${held.y + 56}h2v18h-2zM${held.x + 24} ${held.y + 56}h4v18h-4zM${held.x + 32} ${held.y + 56}h2v18h-2zM${held.x + 38} ${held.y + 56}h6v18h-6zM${held.x + 48} ${held.y + 56}h2v18h-2z" fill="${p.line}"/>`;
  const arrowFrom = held.y + 104;
  const svg = `
    <rect x="90" y="${side ? 60 : 10}" width="240" height="240" rx="10" fill="${p.fill}" ${line}/>
    <rect x="110" y="${side ? 80 : 30}" width="200" height="170" fill="${p.bg}" ${line}/>
    <rect x="${scanner.x}" y="${scanner.y}" width="110" height="70" rx="10" fill="none" stroke="${p.mark}" stroke-width="8"/>
    <rect x="${scanner.x + 20}" y="${scanner.y + 20}" width="70" height="30" fill="${p.mark}"/>
    ${thing}
    <path d="M${held.x + 28} ${arrowFrom}V${scanner.y - 12}M${held.x + 14} ${scanner.y - 26}l14 14l14 -14" fill="none" stroke="${p.mark}" stroke-width="8" stroke-linecap="round" stroke-linejoin="round"/>`;
  return <Picture label={t.pictureScanner(holding, place)} width={420} height={390} svg={svg} testId="picture-scanner" />;
}
