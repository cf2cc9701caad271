import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * What loads later, or only on a tablet: the staff screens and their strings, the
 * tablet's catalogue search (MiniSearch, the shoppers' words), zod with the API's
 * schemas. Everything else is the kiosk's first chunk: a module only the tablet uses
 * must be listed here, or it lands in the kiosk's chunk (bench:kiosk would show it).
 */
const LAZY = /\/renderer\/staff\/|\/shared\/i18n\/staff-|\/shared\/domain\/shopper-words\.ts$|\/node_modules\/(zod|minisearch)\/|\/shared\/protocol\/(?!limits|origins|csp|outcome|event-names|transactions\/kind)[\w/-]+\.ts$|\/shared\/domain\/(ean13|inn)\.ts$/;

/**
 * Builds the renderer into dist/kiosk; the server serves it at /kiosk/. The kiosk has no
 * CDN and no network beyond its server, so everything is bundled and nothing is fetched
 * from elsewhere at run time.
 */
export default defineConfig({
  root: 'renderer',
  base: '/kiosk/',
  plugins: [react()],
  resolve: {
    // The screens are written against React's API and types, and run on Preact's
    // implementation of it (preact/compat): about 10 KB gzipped instead of React DOM's
    // 60, which is what keeps the kiosk inside its 150 KB (docs/benchmarks.md).
    alias: [
      { find: /^react-dom(\/.*)?$/, replacement: 'preact/compat$1' },
      { find: /^react(\/.*)?$/, replacement: 'preact/compat$1' },
    ],
  },
  build: {
    outDir: '../dist/kiosk',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    reportCompressedSize: false,
    // bench:kiosk reads which files a kiosk loads (not the staff bundle) from it.
    manifest: true,
    rollupOptions: {
      output: {
        // Everything the kiosk loads with its first screen in one chunk. Left alone,
        // Rolldown splits the modules the staff bundle or the lazy schemas also use into
        // chunks of their own, although the kiosk has always loaded them already
        // (rolldown issue #10731); each split costs the kiosk's gzipped size.
        codeSplitting: {
          groups: [{ name: 'kiosk', test: (id: string) => !LAZY.test(id) }],
        },
      },
    },
  },
});
