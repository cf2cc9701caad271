import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

/** Lints `code` as if it were the file at `file`, and returns the boundary messages. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the folder boundaries are enforced by lint', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';", /no Node/],
    ['shared/domain/x.ts', "import { buildApp } from '../../server/app';", /may import none of them/],
    ['shared/protocol/x.ts', "import 'react';", /no Node, DOM, Electron/],
    ['renderer/kiosk/x.ts', "import { ipcRenderer } from 'electron';", /no Node or Electron/],
    ['renderer/kiosk/x.ts', "import fs from 'fs';", /no Node or Electron/],
    ['renderer/kiosk/x.ts', "import { buildApp } from '../../server/app';", /over HTTP only/],
    ['server/x.ts', "import { App } from '../renderer/app/App';", /never import the renderer|only shared/],
    ['electron/main/x.ts', "import { App } from '../../renderer/app/App';", /never import the renderer/],
  ])('%s may not %s', async (file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['server/x.ts', "import { z } from 'zod'; import { Order } from '../shared/protocol';"],
    ['renderer/kiosk/x.ts', "import Dexie from 'dexie'; import { formatMoney } from '../../shared/domain/money';"],
    ['shared/domain/x.ts', "import { z } from 'zod';"],
  ])('%s may %s', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('kiosk targets act on release only', () => {
  async function gestureErrors(code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'renderer/kiosk/X.tsx') });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  it.each(['onDoubleClick', 'onPointerDown', 'onTouchStart', 'onTouchMove', 'onContextMenu', 'onDragStart', 'onMouseDownCapture'])('%s is refused', async (handler) => {
    expect(await gestureErrors(`export const X = () => <button ${handler}={() => undefined}>x</button>;`)).toEqual([expect.stringMatching(/act on release/)]);
  });

  it('onClick is allowed', async () => {
    expect(await gestureErrors('export const X = () => <button onClick={() => undefined}>x</button>;')).toEqual([]);
  });
});

describe('the kiosk never opens anything outside itself (security.md)', () => {
  async function errors(code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'electron/main/x.ts') });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-properties' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  }

  it.each([
    "import { shell } from 'electron'; void shell.openExternal('https://example.com');",
    "import * as electron from 'electron'; void electron.shell.openExternal(process.argv[2]!);",
    "declare const s: { openExternal(u: string): void }; s.openExternal('x');",
  ])('refuses %s', async (code) => {
    expect(await errors(code)).not.toEqual([]);
    expect((await errors(code)).join(' ')).toMatch(/outside it/);
  });

  it('allows the rest of electron', async () => {
    expect(await errors("import { app } from 'electron'; app.quit();")).toEqual([]);
  });
});
