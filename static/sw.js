// Threadlab's one service worker, with two jobs.
//
// 1. Offline: on install it keeps every file of this build in a cache named after the
//    build (scripts/build-site.sh stamps VERSION and FILES below), so after one visit
//    the whole course works with no server. Requests go to the network first and fall
//    back to the cache; a page address (every route is the same app) falls back to
//    index.html. A new build is a new VERSION, so the browser installs the new worker
//    on the next online visit and the old cache is deleted.
// 2. Cross-origin isolation for static hosts that cannot set headers (GitHub Pages and
//    the like): every response from our own origin, fresh or cached, is served with
//    COOP, COEP and CORP added, which is what makes SharedArrayBuffer (and so threads)
//    available. Requests to other origins are left alone; the site makes none.

const VERSION = 'unbuilt';
const FILES = [];
const PREFIX = 'threadlab-';
const CACHE = PREFIX + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(FILES);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

function isolated(response) {
  if (response.status === 0) return response; // opaque: nothing to add to
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

async function answer(request) {
  const cache = await caches.open(CACHE);
  const page = request.mode === 'navigate';
  try {
    const response = await fetch(request);
    // Keep the cache as fresh as the network: the files of this build, and the app's
    // page under index.html.
    if (request.method === 'GET' && response.ok && response.type === 'basic') {
      const key = page ? new URL('index.html', self.registration.scope).href : request.url;
      if (page || (await cache.match(key))) await cache.put(key, response.clone());
    }
    return isolated(response);
  } catch (err) {
    const hit = (await cache.match(request, { ignoreSearch: true }))
      || (page ? await cache.match(new URL('index.html', self.registration.scope).href) : undefined);
    if (hit) return isolated(hit);
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(answer(request));
});
