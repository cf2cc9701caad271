/**
 * `npm run build:kiosk`: builds the renderer into dist/kiosk with Vite. `npm start` and
 * the browser tests call `buildKiosk()` so a fresh checkout never serves a stale kiosk.
 */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The test build: the kiosk plus its test host (`?host=fake`), for the browser tests only. */
export const TEST_KIOSK_DIR = `${ROOT}/dist/kiosk-test`;

/**
 * The kiosk's build in dist/kiosk, or with `testHosts` the browser tests' build in
 * dist/kiosk-test (mode "test": the same code plus the fake host they read prints from).
 */
export async function buildKiosk(options: { quiet?: boolean; testHosts?: boolean } = {}): Promise<void> {
  // The production build of React and its JSX, even inside a test runner (NODE_ENV=test),
  // so the browser tests run what a kiosk runs.
  process.env.NODE_ENV = 'production';
  await build({
    configFile: `${ROOT}/vite.config.ts`,
    root: `${ROOT}/renderer`,
    logLevel: options.quiet ? 'error' : 'info',
    ...(options.testHosts ? { mode: 'test', build: { outDir: TEST_KIOSK_DIR } } : {}),
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildKiosk().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
