// Relationship Matters offline service worker. The build (sitebuild/offline.py) puts in the
// precache manifest: every file of the built site with its content revision.
//
// Why not Workbox's generated worker: its precache fetches with `cache: "reload"`, so a first
// visit downloads the 9.6 MB Pyodide wasm twice (once for the page, once for the cache), and its
// cache names cannot carry the build's content hash. Here each file is fetched with
// `cache: "no-cache"` (a revalidation the browser answers from its HTTP cache with a 304 when it
// already holds the file), unchanged files are copied from the previous build's cache, and the
// cache is named after the manifest's hash so an update removes old caches whole.

const MANIFEST = self.__PRECACHE_MANIFEST;
const PREFIX = "relationship-matters-";
const CACHE = PREFIX + fnv1a(MANIFEST.map((entry) => `${entry.url} ${entry.revision}`).join("\n"));
const REVISIONS = "__revisions__";

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

function scoped(path) {
  return new URL(path, self.registration.scope).href;
}

// The key a request is cached under: no query or hash, and `dir/` served by `dir/index.html`.
function cacheKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  if (key.pathname.endsWith("/")) key.pathname += "index.html";
  return key.href;
}

async function previousCopies() {
  const copies = new Map();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const stored = await cache.match(scoped(REVISIONS));
    if (!stored) continue;
    for (const [url, revision] of Object.entries(await stored.json())) {
      if (!copies.has(url)) copies.set(url, { revision, cache });
    }
  }
  return copies;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const previous = await previousCopies();
  const revisions = {};
  await Promise.all(
    MANIFEST.map(async ({ url, revision }) => {
      const key = scoped(url);
      revisions[key] = revision;
      const old = previous.get(key);
      const kept = old && old.revision === revision ? await old.cache.match(key) : undefined;
      const response = kept || (await fetch(key, { cache: "no-cache", credentials: "same-origin" }));
      if (!response.ok) throw new Error(`offline copy: ${url} answered ${response.status}`);
      await cache.put(key, response);
    }),
  );
  await cache.put(scoped(REVISIONS), new Response(JSON.stringify(revisions)));
}

async function removeOldCaches() {
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
}

async function respond(request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(cacheKey(request.url))) || fetch(request);
}

self.addEventListener("install", (event) => event.waitUntil(precache()));

self.addEventListener("activate", (event) => event.waitUntil(removeOldCaches().then(() => self.clients.claim())));

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(request));
});
