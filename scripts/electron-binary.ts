import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/**
 * Where the Electron executable is, without `require('electron')`: that would try to
 * download the binary when it is missing, which cannot work on machines without internet
 * access (as here, where `npm install electron` installs the package without its binary).
 * Reads what electron's own index.js reads: path.txt, or ELECTRON_OVERRIDE_DIST_PATH.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(dir, 'package.json'))) return { found: false, reason: 'the electron package is not installed (npm install)' };
  const pathFile = join(dir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron') : name ? join(dir, 'dist', name) : '';
  if (binary && existsSync(binary)) return { found: true, path: binary };
  return { found: false, reason: "Electron's binary is not installed on this machine (npm could not download it)" };
}
