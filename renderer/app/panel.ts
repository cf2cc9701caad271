import type { PanelSettings } from '../../shared/protocol/ipc';

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

/** The panel's reach as the page's CSS sees it. */
export function applyPanel(panel: PanelSettings, root: HTMLElement = document.documentElement): void {
  root.style.setProperty('--reach', `${reachPx(panel.bottomEdgeCm)}px`);
}
