// @ts-check
// Service worker: once the assessment has been opened, it works offline and starts from local
// copies. Its scope is the site root (both languages). The list of files, their SHA-256 digests and
// the version come from sw-manifest.js, written at build time; a new build changes that file, the
// browser installs the new worker, and `activate` removes the previous version's cache.
//
// Strategy: versioned files (the runtime folder, with the build's engine snapshot and its
// snapshot.json, the compiled models, Material's hashed bundle) come from the cache first, so a
// second visit starts from the snapshot without downloading it, whichever page comes first (each page
// starts from the same snapshot; adr/0013); pages and our own scripts go to the network first, so an update shows
// at once online, and fall back to the cache offline. Only same-origin GET requests are handled.
//
// Integrity: any page of the same origin can write into Cache Storage (on <account>.github.io every
// project of the account shares the origin). A cached copy is served only when its SHA-256 is the
// one the build recorded; anything else is deleted and fetched from the network (adr/0011).
/* global AIAP_OFFLINE */
importScripts("sw-manifest.js");

/** @typedef {{version: string, files: string[], digests: Record<string, string>}} OfflineManifest */
const sw = /** @type {ServiceWorkerGlobalScope & {AIAP_OFFLINE: OfflineManifest}} */ (/** @type {unknown} */ (self));
const CACHE_PREFIX = "aiap-offline-";
const CACHE = `${CACHE_PREFIX}${sw.AIAP_OFFLINE.version}`;
const SCOPE = new URL(sw.registration.scope);
const IMMUTABLE = [/\/assets\/pyodide\/[^/]+\//, /\/assets\/engine\//, /\.[0-9a-f]{8}\.min\.(js|css)$/];
/** @type {Record<string, string>} path relative to the scope ("" and "fr/" for pages) → SHA-256 hex */
const DIGESTS = sw.AIAP_OFFLINE.digests;

sw.addEventListener("install", (event) => {
  // The runtime was just downloaded by the page, so these requests are normally answered by the
  // HTTP cache, not the network.
  const urls = sw.AIAP_OFFLINE.files.map((file) => new URL(file, SCOPE).href);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(urls))
      .then(() => sw.skipWaiting()),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await sw.clients.claim();
    })(),
  );
});

/** The manifest key of a URL: its path below the scope, a page by its folder. @param {URL} url */
function manifestKey(url) {
  const path = decodeURIComponent(url.pathname.slice(SCOPE.pathname.length));
  return path.endsWith("/index.html") || path === "index.html" ? path.slice(0, -"index.html".length) : path;
}

/** @param {ArrayBuffer} bytes */
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The cached copy of a request, only if its digest is the build's; a copy that does not match is
 * deleted. @param {Request} request @param {{ignoreSearch?: boolean}} [options]
 */
async function matchVerified(request, options = {}) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, options);
  if (!cached) return null;
  const expected = DIGESTS[manifestKey(new URL(request.url))];
  if (expected && (await sha256(await cached.clone().arrayBuffer())) === expected) return cached;
  await cache.delete(request, options);
  return null;
}

/** @param {Request} request */
async function cacheFirst(request) {
  return (await matchVerified(request)) ?? fetch(request);
}

/** @param {Request} request */
async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && DIGESTS[manifestKey(new URL(request.url))]) {
      const copy = response.clone();
      caches
        .open(CACHE)
        .then((cache) => cache.put(request, copy))
        .catch(() => {});
    }
    return response;
  } catch (error) {
    const cached = await matchVerified(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const immutable = IMMUTABLE.some((pattern) => pattern.test(url.pathname));
  event.respondWith(immutable ? cacheFirst(request) : networkFirst(request));
});
