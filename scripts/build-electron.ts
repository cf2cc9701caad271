/**
 * `npm run build:electron`: bundles the Electron main process and the preload into
 * dist/electron with esbuild. The preload runs sandboxed, where `require` knows only
 * `electron` and a few Node modules, so everything it uses (zod, the contract) is bundled
 * in; the main process keeps `electron` and `serialport` (a native module) external.
 */
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './build-kiosk';

export const ELECTRON_OUT = join(ROOT, 'dist', 'electron');

export async function buildElectron(): Promise<{ main: string; preload: string }> {
  const common = { bundle: true, format: 'cjs', sourcemap: true, minify: true, logLevel: 'warning', legalComments: 'none', write: false } as const;
  const outputs = [
    await build({
      ...common, entryPoints: [join(ROOT, 'electron/main/main.ts')], outfile: join(ELECTRON_OUT, 'main.cjs'),
      platform: 'node', target: 'node22', external: ['electron', 'serialport', '@serialport/*'],
    }),
    await build({
      ...common, entryPoints: [join(ROOT, 'electron/preload/preload.ts')], outfile: join(ELECTRON_OUT, 'preload.cjs'),
      platform: 'browser', target: 'chrome130', external: ['electron'],
    }),
  ].flatMap((result) => result.outputFiles);
  // Each file appears whole (written aside, then renamed): a reader never sees half a bundle.
  mkdirSync(ELECTRON_OUT, { recursive: true });
  for (const file of outputs) {
    const aside = `${file.path}.${process.pid}.tmp`;
    writeFileSync(aside, file.contents);
    renameSync(aside, file.path);
  }
  return { main: join(ELECTRON_OUT, 'main.cjs'), preload: join(ELECTRON_OUT, 'preload.cjs') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildElectron().then((out) => console.log(`built ${out.main} and ${out.preload}`)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
