// Roadbook's service worker: the app shell works offline.
//
// - The shell (index.html, the hashed wasm/js/css, config.json, icons) is
//   precached from a list that scripts/postbuild.mjs writes from the build
//   output: never a hand-kept list.
// - Navigations are network-first with a short timeout, falling back to the
//   cached shell, so a driver with a bad signal still gets the app at once.
// - API requests are never answered from this cache: only the files listed
//   below and navigations are handled at all.
// - A new version installs, then waits: the page shows "Update available —
//   reload" and the driver chooses when, never mid-delivery.
// - Images not in the shell (the street map's tiles) are answered from the
//   tile cache the app fills for offline use (src/platform/tile_cache.rs),
//   else from the network. This worker never adds to that cache: the app
//   decides what is kept, within its budget, and removes it with the
//   manifest's retention and on sign-out.
const VERSION = "__ROADBOOK_VERSION__";
const PRECACHE = /*__ROADBOOK_PRECACHE__*/ [];
const CACHE = `roadbook-shell-${VERSION}`;
const NAVIGATION_TIMEOUT_MS = 3000;
// The app's map tiles (src/model/storage_keys.rs: MAP_TILES). Not versioned
// with the shell: an app update keeps the driver's offline map.
const TILE_CACHE = "roadbook.map-tiles.v1";

const scope = new URL(self.registration.scope);
const shellUrl = new URL("index.html", scope).href;
const precached = new Set(PRECACHE.map((p) => new URL(p, scope).href));

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll([...precached])));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("roadbook-shell-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

async function navigation(request) {
  try {
    const response = await withTimeout(fetch(request), NAVIGATION_TIMEOUT_MS);
    if (response.ok) return response;
    const cached = await caches.match(shellUrl);
    return cached || response;
  } catch {
    const cached = await caches.match(shellUrl);
    return cached || Response.error();
  }
}

// config.json: fresh when the network answers within the timeout, else the
// cached copy at once. Either way the network answer, however late, replaces
// the cached copy when it is a JSON object, and is posted to every open tab
// of the app, which adopts it: an operator's edit (a new support number
// during an outage) reaches a driver on a slow network on this start, not
// only after the next app release.
async function networkFirst(event) {
  const request = event.request;
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  const fresh = fetch(request, { cache: "no-cache" });
  const stored = fresh.then((response) => keepConfig(key, response.clone())).catch(() => {});
  // The worker stays alive until a late answer is stored and announced.
  event.waitUntil(stored);
  try {
    const response = await withTimeout(fresh, NAVIGATION_TIMEOUT_MS);
    if (response.ok) return response;
    return (await caches.match(key)) || response;
  } catch {
    return (await caches.match(key)) || Response.error();
  }
}

async function keepConfig(key, response) {
  if (!response.ok) return;
  const text = await response.text();
  try {
    const value = JSON.parse(text);
    // An HTML fallback page or a stray array is not a config: keep the last.
    if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  } catch {
    return;
  }
  const cache = await caches.open(CACHE);
  const before = await cache.match(key);
  if (before && (await before.text()) === text) return;
  await cache.put(key, new Response(text, { headers: { "Content-Type": "application/json" } }));
  const tabs = await self.clients.matchAll({ type: "window" });
  for (const tab of tabs) tab.postMessage({ type: "roadbook-config", text });
}

// A map tile: the copy kept for offline use when there is one (a dead zone
// shows the map at once, with no wait for a timeout), else the network.
async function tile(request) {
  const kept = await caches.match(request.url, { cacheName: TILE_CACHE });
  return kept || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate" && url.href.startsWith(scope.href)) {
    event.respondWith(navigation(request));
    return;
  }
  const plain = url.origin + url.pathname;
  if (request.destination === "image" && !precached.has(plain)) {
    event.respondWith(tile(request));
    return;
  }
  if (!precached.has(plain)) return; // API calls and everything else: the network, untouched.
  if (url.pathname.endsWith("/config.json")) {
    event.respondWith(networkFirst(event));
    return;
  }
  // Hashed assets never change under the same name: cache first.
  event.respondWith(caches.match(plain).then((hit) => hit || fetch(request)));
});
