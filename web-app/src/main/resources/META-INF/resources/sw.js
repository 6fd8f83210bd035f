// The service worker: the app's files come from the cache first (the app starts with no network), and the
// catalog (exercises, routines, guidelines) from the network first with the cached copy as the fallback, so a
// whole session runs offline. Nothing personal is cached: progress and sessions always come from the network.
const VERSION = 'backcare-v3';
const SHELL = [
  '/',
  '/index.html',
  '/css/app.css',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/js/app.js',
  '/js/api.js',
  '/js/cues.js',
  '/js/dom.js',
  '/js/player.js',
  '/js/store.js',
  '/js/strings.js',
  '/js/sync.js',
  '/js/pages/catalog.js',
  '/js/pages/data.js',
  '/js/pages/history.js',
  '/js/pages/progress.js',
  '/js/pages/routines.js',
  '/js/pages/session.js',
  '/js/pages/sharing.js',
  '/js/pages/sync-card.js',
  '/js/pages/today.js',
];
const CATALOG = /^\/api\/catalog\/(exercises|routines|guidelines)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (CATALOG.test(url.pathname) || url.pathname === '/api/me') {
    event.respondWith(networkFirst(request));
  } else if (!url.pathname.startsWith('/api/') && !['/login', '/logout'].includes(url.pathname) && !url.pathname.startsWith('/q/')) {
    event.respondWith(cacheFirst(request));
  }
});

async function networkFirst(request) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(request, response.clone());
    return response;
  } catch {
    const cached = await cache.match(request);
    return cached || new Response(JSON.stringify({ title: 'Offline', status: 503, detail: 'You are offline.' }),
      { status: 503, headers: { 'Content-Type': 'application/problem+json', 'X-Offline': '1' } });
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const url = new URL(request.url);
  const key = url.pathname === '/' ? '/index.html' : request;
  const cached = await cache.match(key, { ignoreSearch: true });
  if (cached) {
    // refresh in the background, so the next start has the newest files
    fetch(request).then((r) => { if (r.ok) cache.put(key, r); }).catch(() => {});
    return cached;
  }
  try {
    const response = await fetch(request);
    if (response.ok) cache.put(key, response.clone());
    return response;
  } catch {
    return (await cache.match('/index.html')) || Response.error();
  }
}
