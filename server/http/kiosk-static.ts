import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskCsp } from '../../shared/protocol/csp';

/**
 * The kiosk page may run only its own bundled code and talk only to this server: no
 * inline script, no other origin, no framing. Styles are files too (no inline styles).
 */
export const KIOSK_CSP = kioskCsp("'self'");

/**
 * Serves the built renderer (dist/kiosk) at /kiosk/, and its page at /staff/ too. Hashed assets are cached for a year;
 * index.html never, so a new build reaches kiosks on their next load. Without a build,
 * /kiosk/ says how to make one instead of a bare 404.
 */
export async function serveKiosk(app: FastifyInstance, dir: string): Promise<void> {
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/kiosk') || request.url.startsWith('/staff')) reply.header('Content-Security-Policy', KIOSK_CSP);
  });
  app.get('/kiosk', async (_request, reply) => reply.redirect('/kiosk/'));
  app.get('/staff', async (_request, reply) => reply.redirect('/staff/'));
  if (!existsSync(join(dir, 'index.html'))) {
    app.get('/kiosk/*', async (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The kiosk is not built yet: run `npm run build:kiosk` (npm start does it for you).'));
    return;
  }
  // The staff tablet's address: the same page (its scripts come from /kiosk/assets/); the
  // device's role, once enrolled, decides which screens and which bundle it loads.
  const page = readFileSync(join(dir, 'index.html'));
  app.get('/staff/', async (_request, reply) => reply.header('Cache-Control', 'no-store').type('text/html; charset=utf-8').send(page));
  // The tablet's offline start: the same service worker as the kiosk's, for the /staff/ scope.
  const worker = join(dir, 'sw.js');
  if (existsSync(worker)) {
    const script = readFileSync(worker);
    app.get('/staff/sw.js', async (_request, reply) => reply.header('Cache-Control', 'no-store').type('text/javascript; charset=utf-8').send(script));
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/kiosk/',
    index: ['index.html'],
    wildcard: true,
    setHeaders(res, path) {
      res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-store');
    },
  });
}
