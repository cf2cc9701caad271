import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary';

/** npm start runs the Electron kiosk when its binary is there, and says why not when it is not. */
function fakeInstall(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'okno-electron-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('findElectronBinary', () => {
  it('finds the binary electron installed (path.txt names it under dist/)', () => {
    const root = fakeInstall({ 'node_modules/electron/package.json': '{}', 'node_modules/electron/path.txt': 'electron', 'node_modules/electron/dist/electron': '' });
    expect(findElectronBinary(root, {})).toEqual({ found: true, path: join(root, 'node_modules/electron/dist/electron') });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, as electron itself does', () => {
    const root = fakeInstall({ 'node_modules/electron/package.json': '{}', 'opt/electron/electron': '' });
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'opt/electron') })).toEqual({ found: true, path: join(root, 'opt/electron/electron') });
  });

  it('says the binary is missing when npm installed the package without it', () => {
    const root = fakeInstall({ 'node_modules/electron/package.json': '{}' });
    expect(findElectronBinary(root, {})).toEqual({ found: false, reason: expect.stringMatching(/binary is not installed/) });
  });

});
