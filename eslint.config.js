// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The boundaries of docs/architecture.md, as lint rules: shared/ imports nothing of the
 * others and no platform; renderer/ no Node or Electron; server/ and electron/ never the
 * renderer. test/lint/boundaries.test.ts proves each rule fires.
 */
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'util', 'stream', 'events', 'buffer', 'worker_threads'];
const pattern = (group, message) => ({ group, message });
const GESTURES = 'DoubleClick|MouseDown|PointerDown|TouchStart|TouchMove|TouchEnd|Drag|DragStart|DragEnd|DragOver|Drop|ContextMenu|Wheel';

export default tseslint.config(
  { ignores: ['node_modules/', '.tsbuild/', 'dist/', 'data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/server/**', '**/electron/**', '**/renderer/**', '**/test/**'], 'shared/ is used by everyone and may import none of them.'),
        pattern([...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'dexie', 'fastify', 'pg', '@electric-sql/*', 'serialport'], 'shared/ is pure TypeScript: no Node, DOM, Electron or framework imports.'),
      ] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/server/**', '**/electron/**'], 'renderer/ talks to the host through renderer/bridge and to the server over HTTP only.'),
        pattern([...NODE_BUILTINS, 'electron', 'fastify', 'pg', 'serialport'], 'renderer/ runs in a sandboxed page: no Node or Electron.'),
      ] }],
      // Tap only, acting on release (WCAG 2.5.1, 2.5.2, 2.5.7): no handlers for press,
      // drag, swipe, double tap or long press on any kiosk element.
      'no-restricted-syntax': ['error', {
        selector: `JSXAttribute[name.name=/^on(${GESTURES})(Capture)?$/]`,
        message: 'Kiosk targets act on release (onClick) only: no press, drag, swipe, double-tap or long-press handlers.',
      }],
    },
  },
  {
    files: ['renderer/public/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['server/**/*.ts', 'electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/renderer/**'], 'server/ and electron/ never import the renderer: share through shared/.'),
      ] }],
    },
  },
  {
    // security.md: nothing the kiosk shows may open outside it. `shell.openExternal` with a
    // URL from a page is a classic way out of an Electron app; the kiosk has no use for it.
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { property: 'openExternal', message: 'No shell.openExternal in the kiosk: nothing may open outside it (security.md).' }],
      'no-restricted-syntax': ['error', { selector: "ImportSpecifier[imported.name='shell']", message: 'No `shell` from electron in the kiosk: nothing may open outside it (security.md).' }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        pattern(['**/renderer/**', '**/electron/**'], 'server/ imports only shared/ of the app folders.'),
        pattern(['electron'], 'the server never runs inside Electron.'),
      ] }],
    },
  },
);
