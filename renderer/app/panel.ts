import type { PanelSettings, ScannerPlace } from '../../shared/protocol/ipc';

/** A 21.5" 1920×1080 panel: 476 mm for 1920 px. */
export const MM_PER_PX = 0.248;
/** ADA 308 (and EN 301 549's reach ranges): the highest a hand reaches from a wheelchair, 48 in. */
export const HIGHEST_REACH_CM = 121.9;
/** Floor-standing portrait kiosks put the screen's lower edge about here (docs/operations.md). */
export const DEFAULT_PANEL: PanelSettings = { bottomEdgeCm: 95, scanner: 'below-screen' };

/**
 * How many CSS pixels of the screen, from its bottom up, a person in a wheelchair can
 * reach when its lower edge is `bottomEdgeCm` above the floor: what a portrait panel keeps
 * every target within (kiosk.css, `--reach`). 95 cm: 1084 px.
 */
export function reachPx(bottomEdgeCm: number): number {
  return Math.max(0, Math.floor(((HIGHEST_REACH_CM - bottomEdgeCm) * 10) / MM_PER_PX));
}

/** Where a scanner can be, as a plain table: the page must not load zod (ipc.ts's schema) to read an address. */
const SCANNER_PLACES = { 'below-screen': true, 'right-of-screen': true, 'left-of-screen': true } satisfies Record<ScannerPlace, true>;

/**
 * A browser has no device configuration: the test build takes the scanner's place from
 * the address (`?scanner=right-of-screen`), so browser tests see each of its pictures.
 */
export function panelFromAddress(params: URLSearchParams): PanelSettings | null {
  const place = params.get('scanner');
  return place !== null && Object.hasOwn(SCANNER_PLACES, place) ? { ...DEFAULT_PANEL, scanner: place as ScannerPlace } : null;
}

/** The panel's reach as the page's CSS sees it. */
export function applyPanel(panel: PanelSettings, root: HTMLElement = document.documentElement): void {
  root.style.setProperty('--reach', `${reachPx(panel.bottomEdgeCm)}px`);
}
