import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildElectron } from '../../scripts/build-electron';

/**
 * security.md: the fuses, checked by parsing electron-builder.yml; the Electron version;
 * and that the packaged app's files are what the configuration says. Packaging itself
 * downloads Electron's binary and cannot run here; electron-builder's own schema checks
 * the file instead.
 */
const ROOT = join(import.meta.dirname, '../..');
type BuilderConfig = {
  electronFuses: Record<string, boolean>; asar: boolean; asarUnpack: string[]; files: string[];
  npmRebuild: boolean; buildDependenciesFromSource: boolean; nodeGypRebuild: boolean;
  linux: { target: string[] }; win: { target: string[] };
};
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; devDependencies: Record<string, string>; dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it('is valid for electron-builder itself', async () => {
    const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config.js' as string) as {
      getConfig(dir: string, file: string): Promise<unknown>;
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const loaded = await getConfig(ROOT, 'electron-builder.yml');
    await expect(validateConfiguration(loaded, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...(loaded as object), electronFuses: { runAsNod: false } }, { isEnabled: false, add() {} })).rejects.toThrow(/configuration/);
  });

  it('flips the fuses off: run as node, NODE_OPTIONS, inspect arguments; and loads the app only from its asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds an AppImage and a deb for Linux and an NSIS installer for Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toEqual(['nsis']);
  });

  it('unpacks native modules from the asar and compiles nothing', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
  });

  it('packs the built renderer and the bundles that package.json names as main', async () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/kiosk/**', 'dist/electron/**']));
    const built = await buildElectron();
    expect(join(ROOT, pkg.main)).toBe(built.main);
    // A sandboxed preload can require `electron` alone: everything else must be bundled in.
    const preload = readFileSync(built.preload, 'utf8');
    expect([...new Set(preload.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    const main = readFileSync(built.main, 'utf8');
    const required = [...new Set([...main.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))];
    // Only Electron, Node's own modules and serialport (native, unpacked): all present at run time.
    expect(required.filter((name) => !name.startsWith('node:') && name !== 'electron')).toEqual(['serialport']);
    expect(pkg.dependencies).toHaveProperty('serialport');
  });
});

describe('Electron', () => {
  it('is a current major (42 or newer) and a devDependency, as electron-builder needs', () => {
    const installed = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string };
    const major = Number(installed.version.split('.')[0]);
    expect(major).toBeGreaterThanOrEqual(42);
    expect(pkg.devDependencies.electron).toMatch(new RegExp(`^\\^?${major}\\.`));
    expect(config).not.toHaveProperty('electronVersion'); // no older binary pinned for packaging
  });
});
