/* supple service worker: keeps the session player, its routine and its files usable offline.
 *
 * The player page asks it (a "cache" message) to keep the page and the files it uses,
 * the routine's exercise figures among them. Requests for session pages, static files and
 * figures go to the network first, so a person online always gets the newest routine;
 * without a connection the kept copy answers instead.
 * Nothing else is touched: logs are POSTed by the page's outbox, never cached here.
 */

"use strict";

// Desk-break notifications (supple/reminders): clicks on them are handled there.
importScripts("/static/reminders/sw-reminders.js");

const CACHE = "supple-player-v1";
const SESSION_PAGE = /^\/session\/(daily|desk)\/$/;
const STATIC = "/static/";
// The exercise figures the player shows: the animation (figure.svg?side=...) and the held still.
const FIGURE = /^\/exercises\/[a-z0-9-]+\/(figure|right-held|left-held)\.svg$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter((name) => name.startsWith("supple-player") && name !== CACHE);
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type !== "cache" || !Array.isArray(message.urls)) return;
  const urls = message.urls.filter((url) => new URL(url, self.location.href).origin === self.location.origin);
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One file that fails (a 404 after an upgrade) must not stop the others being kept.
      const results = await Promise.allSettled(urls.map((url) => cache.add(url)));
      const ok = results.every((result) => result.status === "fulfilled");
      if (event.source) event.source.postMessage({ type: ok ? "cached" : "cache-failed" });
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (SESSION_PAGE.test(url.pathname)) event.respondWith(networkFirst(request, true));
  else if (url.pathname.startsWith(STATIC) || FIGURE.test(url.pathname)) {
    event.respondWith(networkFirst(request, false));
  }
});

/* The network's answer (kept for later), or the kept copy when the network is down. */
async function networkFirst(request, keep) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Only a plain page or file: never a redirect to the login page, never an error.
    if (response.ok && response.type === "basic" && (keep || (await cache.match(request)))) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(request, { ignoreVary: true });
    if (kept) return kept;
    throw error;
  }
}
