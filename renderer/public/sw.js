/*
 * The app shell, kept for offline start in a plain browser: a kiosk (/kiosk/) or a staff
 * tablet (/staff/) that reloads or restarts while the server is down still opens, and its
 * queued transactions are there. One script, registered once per page with its own scope
 * (served at /kiosk/sw.js and /staff/sw.js); each keeps its page in a cache of its own.
 * Both pages load their scripts from /kiosk/assets/. (In Electron the app is loaded from
 * app:// and needs no cache.) Pages are network-first so a new build arrives on the next
 * load; hashed assets are cache-first because their names change with their content, and
 * a chunk loaded later (the staff screens) is kept the first time it is fetched. The API
 * is never cached.
 */
const SHELL = new URL(self.registration.scope).pathname; // '/kiosk/' or '/staff/'
const CACHE = `okno-${SHELL.replace(/\//g, '')}-shell-v1`;
const ASSETS = '/kiosk/assets/';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const response = await fetch(SHELL, { cache: 'no-store' });
    const html = await response.clone().text();
    await cache.put(SHELL, response);
    const assets = [...html.matchAll(/(?:src|href)="(\/kiosk\/assets\/[^"]+)"/g)].map((m) => m[1]);
    await cache.addAll(assets);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

// The page tells which assets it loaded before this worker controlled it (the staff
// screens' chunks, loaded on the first visit): they are kept too, or a reload with the
// server down would find the page but not its screens.
self.addEventListener('message', (event) => {
  const urls = Array.isArray(event.data?.keep) ? event.data.keep : [];
  const mine = urls.filter((u) => typeof u === 'string' && new URL(u).origin === self.location.origin && new URL(u).pathname.startsWith(ASSETS));
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of mine) if (!(await cache.match(url, { ignoreVary: true }))) await cache.add(url).catch(() => undefined);
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (event.request.mode === 'navigate' && url.pathname.startsWith(SHELL)) {
    event.respondWith((async () => {
      try {
        const fresh = await fetch(event.request);
        if (fresh.ok) (await caches.open(CACHE)).put(SHELL, fresh.clone());
        return fresh;
      } catch {
        return (await caches.match(SHELL, { cacheName: CACHE, ignoreVary: true })) ?? Response.error();
      }
    })());
  } else if (url.pathname.startsWith(ASSETS)) {
    event.respondWith((async () => {
      // ignoreVary: an asset's answer varies by Origin (the API's CORS), but not its bytes.
      const cached = await caches.match(event.request, { ignoreVary: true });
      if (cached) return cached;
      const fresh = await fetch(event.request);
      if (fresh.ok) (await caches.open(CACHE)).put(event.request, fresh.clone());
      return fresh;
    })());
  }
});
