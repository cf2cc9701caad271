import { buildKiosk } from '../../scripts/build-kiosk';
import { findChromium } from './support/chromium';

/**
 * Before any test file: build the kiosk the browser tests open. Without a Chromium the
 * browser tests skip, and this says so loudly; under CI a missing Chromium fails the run.
 */
export default async function setup(): Promise<void> {
  if (!findChromium()) {
    const message = 'No Chromium found (set CHROME_PATH or `apt-get install -y chromium`): the kiosk browser tests are SKIPPED.';
    if (process.env.CI === 'true') throw new Error(`${message} CI=true requires them.`);
    console.warn(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`);
    return;
  }
  await buildKiosk({ quiet: true });
}
