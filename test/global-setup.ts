import { buildKiosk } from '../scripts/build-kiosk';
import { hasEspeak } from './electron/main/espeak';
import { hasSocat } from './electron/printer/socat';
import { findChromium } from './e2e/support/chromium';

/**
 * Before any test file: build the kiosk the browser tests open. Without a Chromium (or
 * socat, for the serial printer tests) those tests skip, and this says so loudly; under
 * CI either missing fails the run.
 */
export default async function setup(): Promise<void> {
  if (!hasSocat()) {
    const message = 'No socat found (`apt-get install -y socat`): the serial-port printer tests are SKIPPED.';
    if (process.env.CI === 'true') throw new Error(`${message} CI=true requires them.`);
    console.warn(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`);
  }
  if (!hasEspeak()) {
    const message = 'No espeak-ng found (`apt-get install -y espeak-ng`): the kiosk voice tests are SKIPPED.';
    if (process.env.CI === 'true') throw new Error(`${message} CI=true requires them.`);
    console.warn(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`);
  }
  if (!findChromium()) {
    const message = 'No Chromium found (set CHROME_PATH or `apt-get install -y chromium`): the kiosk browser tests are SKIPPED.';
    if (process.env.CI === 'true') throw new Error(`${message} CI=true requires them.`);
    console.warn(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`);
    return;
  }
  // The kiosk as it ships (tests check it holds no test host) and the browser tests' build.
  await buildKiosk({ quiet: true });
  await buildKiosk({ quiet: true, testHosts: true });
}
