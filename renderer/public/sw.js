/*
 * The kiosk's app shell, kept for offline start in a plain browser: a kiosk or tablet
 * that reloads or restarts while the server is down still opens, and its queued
 * transactions are there. (In Electron the app is loaded from app:// and needs no cache.)
 * Pages are network-first so a new build arrives on the next load; hashed assets are
 * cache-first because their names change with their content. The API is never cached.
 */
const CACHE = 'okno-kiosk-shell-v1';
const SHELL = '/kiosk/';

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

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/kiosk/')) return;
  if (event.request.mode === 'navigate') {
    event.respondWith((async () => {
      try {
        const fresh = await fetch(event.request);
        if (fresh.ok) (await caches.open(CACHE)).put(SHELL, fresh.clone());
        return fresh;
      } catch {
        return (await caches.match(SHELL)) ?? Response.error();
      }
    })());
  } else if (url.pathname.startsWith('/kiosk/assets/')) {
    event.respondWith((async () => {
      const cached = await caches.match(event.request);
      if (cached) return cached;
      const fresh = await fetch(event.request);
      if (fresh.ok) (await caches.open(CACHE)).put(event.request, fresh.clone());
      return fresh;
    })());
  }
});
