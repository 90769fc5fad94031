// The door app's service worker (scope: /organizer/door/). Door pages and the static files
// they use come from the network when there is one and from this cache when there is not.
// The check-in list and queued check-ins live in IndexedDB (door.js), not here; log-out
// clears both (Clear-Site-Data).
"use strict";
const CACHE = "jobfair-door-v1";
const STATIC = [
  "css/site.css", "css/organizers.css", "js/door.js", "vendor/jsQR.js", "img/door-icon.svg",
].map((name) => new URL("../../static/" + name, self.location).pathname);
const SCOPE = new URL("./", self.location).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(STATIC)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("jobfair-door-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  const doorPage = request.mode === "navigate" && url.pathname.startsWith(SCOPE);
  if (!doorPage && !STATIC.includes(url.pathname)) { return; }
  event.respondWith(
    fetch(request).then((response) => {
      if (response.ok && !response.redirected) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request, copy));
      }
      return response;
    }).catch(() => caches.match(request, { ignoreSearch: true }).then((cached) => cached || Response.error()))
  );
});
