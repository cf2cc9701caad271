import { AxeBuilder } from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** 20 mm on the kiosk's 21.5" 1920×1080 panel (0.248 mm per CSS px). */
export const KIOSK_TARGET_PX = 81;

/**
 * axe-core with the target-size rule switched on and raised from WCAG's 24 px to the
 * kiosk's 81 px, both for the size of a target and for the space around it. AxeBuilder
 * has no configure call, so the configuration rides along with the injected source. (The
 * options must go on the checks: options given on the rule's `any` list are ignored.)
 */
const axeSource = `${readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')}
axe.configure({
  checks: [
    { id: 'target-size', options: { minSize: ${KIOSK_TARGET_PX} } },
    { id: 'target-offset', options: { minOffset: ${KIOSK_TARGET_PX} } }
  ],
  rules: [{ id: 'target-size', enabled: true }]
});`;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag2aaa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export type AxeFinding = { id: string; impact: string | null | undefined; help: string; targets: string[] };

/** Violations and "incomplete" results alike: axe could not prove the page passes. */
export async function axeFindings(page: Page): Promise<{ violations: AxeFinding[]; incomplete: AxeFinding[] }> {
  const results = await new AxeBuilder({ page, axeSource }).withTags(AXE_TAGS).analyze();
  const simplify = (list: typeof results.violations): AxeFinding[] =>
    list.map((r) => ({ id: r.id, impact: r.impact, help: r.help, targets: r.nodes.map((n) => n.target.join(' ')) }));
  return { violations: simplify(results.violations), incomplete: simplify(results.incomplete) };
}

/**
 * What axe does not measure: every visible target at least 81×81 px with 8 px (2 mm) of
 * empty space to its neighbours, and the smallest text of the screen (the line for
 * passing staff and the words inside pictures aside).
 */
export async function layoutScan(page: Page) {
  return page.evaluate(() => {
    const targets = [...document.querySelectorAll<HTMLElement>('button, input, a[href]')]
      .filter((el) => el.offsetParent !== null && !el.closest('[inert]'))
      .map((el) => ({ name: el.textContent?.trim() || el.id, box: el.getBoundingClientRect() }));
    const small = targets.filter((t) => t.box.width < 81 || t.box.height < 81).map((t) => `${t.name} ${Math.round(t.box.width)}×${Math.round(t.box.height)}`);
    const cramped: string[] = [];
    targets.forEach((a, i) => targets.slice(i + 1).forEach((b) => {
      const dx = Math.max(b.box.left - a.box.right, a.box.left - b.box.right);
      const dy = Math.max(b.box.top - a.box.bottom, a.box.top - b.box.bottom);
      if (Math.max(dx, dy) < 8) cramped.push(`${a.name} / ${b.name}`);
    }));
    const textSizes = [...document.querySelectorAll<HTMLElement>('main *, header *, [role=dialog] *')]
      // The staff line and the pictures' words are not the customer's text to read (a picture has its words as its label).
      .filter((el) => !el.closest('.paper, .status-staff, svg') && el.offsetParent !== null && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
      .map((el) => parseFloat(getComputedStyle(el).fontSize));
    const callStaff = document.querySelector('[data-testid="call-staff"]')?.getBoundingClientRect();
    return {
      targets: targets.length, small, cramped, minFontPx: Math.min(...textSizes),
      callStaff: callStaff ? [Math.round(callStaff.left), Math.round(callStaff.top), Math.round(callStaff.width), Math.round(callStaff.height)] : null,
    };
  });
}

/** The staff tablet's bar: WCAG AA (not the kiosk's AAA), with targets of at least 44 px. */
export const TABLET_TARGET_PX = 44;

export async function tabletFindings(page: Page): Promise<{ violations: AxeFinding[]; incomplete: AxeFinding[]; small: string[] }> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const simplify = (list: typeof results.violations): AxeFinding[] =>
    list.map((r) => ({ id: r.id, impact: r.impact, help: r.help, targets: r.nodes.map((n) => n.target.join(' ')) }));
  const small = await page.evaluate((min) => [...document.querySelectorAll<HTMLElement>('button, input')]
    .filter((el) => el.offsetParent !== null)
    .map((el) => ({ name: el.textContent?.trim() || el.id, box: el.getBoundingClientRect() }))
    .filter((t) => t.box.width < min || t.box.height < min)
    .map((t) => `${t.name} ${Math.round(t.box.width)}×${Math.round(t.box.height)}`), TABLET_TARGET_PX);
  return { violations: simplify(results.violations), incomplete: simplify(results.incomplete), small };
}

export type Box = { left: number; top: number; right: number; bottom: number; width: number; height: number };
export type PanelScan = {
  /** the page is taller or wider than the screen */
  scrolls: boolean;
  /** visible elements reaching past the screen's edges */
  outside: string[];
  /** boxes whose content does not fit them (a list cut off) */
  clipped: string[];
  /** on a portrait panel: targets above what a person in a wheelchair reaches (--reach from the bottom) */
  outOfReach: string[];
  /** the screen's words or list running into its action bar */
  overBar: string[];
  /** paragraphs set tighter than 1.5 lines */
  tight: string[];
  /** paragraphs wider than 60 characters a line */
  wide: string[];
  main: Box | null;
  back: Box | null;
};

/** What issue 23 asks of every screen on its panel: nothing scrolls, nothing is cut off, targets within reach. */
export async function panelScan(page: Page): Promise<PanelScan> {
  return page.evaluate(() => {
    const W = window.innerWidth;
    const H = window.innerHeight;
    const root = document.documentElement;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} «${(el.textContent ?? '').trim().slice(0, 40)}»`;
    const visible = [...document.querySelectorAll<HTMLElement>('#root *')].filter((el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed');
    const outside = visible.filter((el) => !el.closest('svg')).flatMap((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.bottom > H + 1 || r.right > W + 1 || r.top < -1 || r.left < -1) ? [name(el)] : [];
    });
    const clipped = visible.filter((el) => getComputedStyle(el).overflowY === 'hidden' && el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0).map(name);
    const reach = parseFloat(getComputedStyle(root).getPropertyValue('--reach')) || H;
    const outOfReach = [...document.querySelectorAll<HTMLElement>('button, input, a[href]')]
      .filter((el) => el.offsetParent !== null && !el.closest('[inert]'))
      .filter((el) => el.getBoundingClientRect().top < H - reach - 1).map(name);
    const bar = document.querySelector('main .action-bar')?.getBoundingClientRect();
    const overBar = bar ? [...document.querySelectorAll<HTMLElement>('main .screen-text *, main .screen-list *')]
      .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height > 0 && el.getBoundingClientRect().bottom > bar.top + 1).map(name) : [];
    const box = (el: Element | null) => {
      if (!el || (el as HTMLElement).offsetParent === null || el.closest('[inert]')) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    // Body text (paragraphs; not headings, the name in the header or a code's large digits): line height at least 1.5,
    // lines no wider than 60 characters (the width of 60 zeros in that type, as CSS's ch).
    const zeroWidth = (el: Element) => {
      const probe = document.createElement('span');
      probe.textContent = '0'.repeat(60);
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;font:inherit;letter-spacing:inherit';
      el.appendChild(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width;
    };
    const body = visible.filter((el) => el.tagName === 'P' && !el.closest('svg') && !el.matches('.brand, .digits, .desk-code-digits') && (el.textContent ?? '').trim().length > 0);
    const tight = body.filter((el) => { const cs = getComputedStyle(el); return parseFloat(cs.lineHeight) / parseFloat(cs.fontSize) < 1.5 - 0.01; }).map(name);
    // The widest line the words take (a box may stretch wider than its text: a flex row).
    const lineWidth = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return Math.max(0, ...[...range.getClientRects()].map((r) => r.width));
    };
    const wide = body.filter((el) => lineWidth(el) > zeroWidth(el) + 1).map(name);
    return {
      scrolls: root.scrollHeight > H + 1 || root.scrollWidth > W + 1,
      outside, clipped, outOfReach, overBar, tight, wide,
      main: box(document.querySelector('main .action-main .btn')),
      back: box(document.querySelector('main .action-back .btn')),
    };
  });
}
