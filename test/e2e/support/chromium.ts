import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** The flags that make Debian's Chromium run headless in a container. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

/** CHROME_PATH, else Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const KIOSK_VIEWPORT = { width: 1920, height: 1080 };

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium()!, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A browser with a profile on disk, so a test can kill it and open the same profile again. */
export async function launchWithProfile(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, { executablePath: findChromium()!, args: CHROMIUM_ARGS, viewport: KIOSK_VIEWPORT });
}
