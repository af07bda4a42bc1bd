// CEC Guide's service worker: after the first visit the site works offline.
// Pages and assets are cached when the worker installs; the Pyodide runtime once the calculator
// has loaded it (no 13 MB download for a visit to a reference page). The cache
// is named after this build, so a new build replaces it.
const VERSION = "__VERSION__";
const PRECACHE = __FILES__;
const RUNTIME = __RUNTIME__;
const CACHE = `cec-guide-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith("cec-guide-") && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The calculator page asks for the runtime once Python has loaded: by then the files are in the
// HTTP cache, so this costs no second download. (Its worker may have started before this service
// worker took control, and then its fetches never passed through here.)
self.addEventListener("message", (event) => {
  if (event.data?.type === "cache-runtime") {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(RUNTIME)));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(request, { ignoreSearch: true });
      if (cached) return cached;
      try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic") cache.put(request, response.clone());
        return response;
      } catch (error) {
        if (request.mode === "navigate") return (await cache.match("404.html")) || Response.error();
        throw error;
      }
    }),
  );
});
