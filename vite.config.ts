import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the renderer into dist/kiosk; the server serves it at /kiosk/. The kiosk has no
 * CDN and no network beyond its server, so everything is bundled and nothing is fetched
 * from elsewhere at run time.
 */
export default defineConfig({
  root: 'renderer',
  base: '/kiosk/',
  plugins: [react()],
  build: {
    outDir: '../dist/kiosk',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    reportCompressedSize: false,
  },
});
