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
const VERSION = "__ROADBOOK_VERSION__";
const PRECACHE = /*__ROADBOOK_PRECACHE__*/ [];
const CACHE = `roadbook-shell-${VERSION}`;
const NAVIGATION_TIMEOUT_MS = 3000;

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

// config.json: fresh when the network answers quickly, else the cached copy.
async function networkFirst(request) {
  try {
    const response = await withTimeout(fetch(request, { cache: "no-cache" }), NAVIGATION_TIMEOUT_MS);
    if (response.ok) return response;
    return (await caches.match(request, { ignoreSearch: true })) || response;
  } catch {
    return (await caches.match(request, { ignoreSearch: true })) || Response.error();
  }
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
  if (!precached.has(plain)) return; // API calls and everything else: the network, untouched.
  if (url.pathname.endsWith("/config.json")) {
    event.respondWith(networkFirst(request));
    return;
  }
  // Hashed assets never change under the same name: cache first.
  event.respondWith(caches.match(plain).then((hit) => hit || fetch(request)));
});
