import { join } from 'node:path';
import { startKiosk } from './start';

/**
 * Entry of the bundled main process (dist/electron/main.cjs, built by
 * scripts/build-electron.ts). The renderer and the preload sit beside it in dist/.
 */
startKiosk({ rendererDir: join(__dirname, '..', 'kiosk'), preload: join(__dirname, 'preload.cjs') });
