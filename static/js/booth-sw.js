// The booth scanner's service worker (scope: /booth/). Only the scanner pages, which show no
// candidate's data, and the static files they use are kept here, for when the network is
// gone; the met-at-the-booth list and the leads never are. Queued scans live in IndexedDB
// (booth.js); log-out clears both (Clear-Site-Data).
"use strict";
const CACHE = "jobfair-booth-v1";
const STATIC = [
  "css/site.css", "css/booth.css", "js/booth.js", "vendor/jsQR.js",
].map((name) => new URL("../static/" + name, self.location).pathname);
const SCANNER = /\/events\/\d+\/scan$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(STATIC)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("jobfair-booth-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  const scanner = request.mode === "navigate" && SCANNER.test(url.pathname);
  if (!scanner && !STATIC.includes(url.pathname)) { return; }
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
