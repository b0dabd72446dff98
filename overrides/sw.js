// Service worker: once the assessment has been opened, it works offline and starts from local
// copies. Its scope is the site root (both languages). The list of files and the version come from
// sw-manifest.js, written at build time; a new build changes that file, the browser installs the
// new worker, and `activate` removes the previous version's cache.
//
// Strategy: versioned files (the runtime folder, the compiled models, Material's hashed bundle)
// come from the cache first; pages and our own scripts go to the network first, so an update shows
// at once online, and fall back to the cache offline. Only same-origin GET requests are handled.
/* global AIAP_OFFLINE */
importScripts("sw-manifest.js");

const CACHE_PREFIX = "aiap-offline-";
const CACHE = `${CACHE_PREFIX}${self.AIAP_OFFLINE.version}`;
const SCOPE = new URL(self.registration.scope);
const IMMUTABLE = [/\/assets\/pyodide\/[^/]+\//, /\/assets\/engine\//, /\.[0-9a-f]{8}\.min\.(js|css)$/];

self.addEventListener("install", (event) => {
  // The runtime was just downloaded by the page, so these requests are normally answered by the
  // HTTP cache, not the network.
  const urls = self.AIAP_OFFLINE.files.map((file) => new URL(file, SCOPE).href);
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(urls)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

/** @param {Request} request */
async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  return cached ?? fetch(request);
}

/** @param {Request} request */
async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => {});
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const immutable = IMMUTABLE.some((pattern) => pattern.test(url.pathname));
  event.respondWith(immutable ? cacheFirst(request) : networkFirst(request));
});
