// Relationship Matters offline service worker. The build (sitebuild/offline.py) puts in the
// precache manifest: every file of the built site with its content revision, size and group.
//
// Two groups: "site" (pages, search index, styles, scripts) is copied when the worker installs,
// on any first visit; "engine" (Pyodide, the checks wheel, the snapshot: most of the bytes) is
// copied only once a page that scores asks for it (a "cache-engine" message, sent by rm-offline.js
// once the engine has loaded from the HTTP cache, or by the "make this site available offline"
// control), or file by file as the scoring worker fetches it. An update copies the new engine
// only for readers who had the old one.
//
// Why not Workbox's generated worker: its precache fetches with `cache: "reload"`, so a first
// visit downloads the 9.6 MB Pyodide wasm twice (once for the page, once for the cache), and its
// cache names cannot carry the build's content hash. Here each file is fetched with
// `cache: "no-cache"` (a revalidation the browser answers from its HTTP cache with a 304 when it
// already holds the file), unchanged files are copied from the previous build's cache, and the
// cache is named after the manifest's hash so an update removes old caches whole.

const MANIFEST = self.__PRECACHE_MANIFEST;
const ENGINE = MANIFEST.filter((entry) => entry.group === "engine");
// Each copy of the site on a host (a live and a test copy, say, or two Pages sites of one organisation)
// has caches of its own, named for its scope: an update of one removes only its own old caches.
const SCOPE = self.registration.scope;
const OURS = `relationship-matters ${SCOPE} `;
const CACHE = OURS + fnv1a(MANIFEST.map((entry) => `${entry.url} ${entry.revision}`).join("\n"));
// Before that, caches were named for the build alone: one of ours holds this copy's list of revisions.
const UNSCOPED = /^relationship-matters-[0-9a-f]{8}$/;
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

/** The names of this copy's caches from earlier builds. */
async function oldCaches() {
  const names = [];
  for (const name of await caches.keys()) {
    if (name === CACHE) continue;
    if (name.startsWith(OURS) || (UNSCOPED.test(name) && (await (await caches.open(name)).match(scoped(REVISIONS))))) {
      names.push(name);
    }
  }
  return names;
}

async function previousCopies() {
  const copies = new Map();
  for (const name of await oldCaches()) {
    const cache = await caches.open(name);
    const stored = await cache.match(scoped(REVISIONS));
    if (!stored) continue;
    for (const [url, revision] of Object.entries(await stored.json())) {
      const had = Boolean(await cache.match(url));
      if (!copies.has(url) || (had && !copies.get(url).had)) copies.set(url, { revision, cache, had });
    }
  }
  return copies;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const previous = await previousCopies();
  const revisions = Object.fromEntries(MANIFEST.map(({ url, revision }) => [scoped(url), revision]));
  const hadEngine = ENGINE.some(({ url }) => previous.has(scoped(url)) && previous.get(scoped(url)).had);
  const wanted = MANIFEST.filter((entry) => entry.group === "site" || hadEngine);
  await Promise.all(
    wanted.map(async ({ url, revision }) => {
      const key = scoped(url);
      const old = previous.get(key);
      const kept = old && old.revision === revision ? await old.cache.match(key) : undefined;
      await cache.put(key, kept || (await download(key)));
    }),
  );
  await cache.put(scoped(REVISIONS), new Response(JSON.stringify(revisions)));
}

// A page is fetched by the address readers use (`dir/`, not `dir/index.html`): the page this visit
// opened is then in the HTTP cache under it, and revalidates with a 304 instead of coming again.
async function download(key) {
  const address = key.endsWith("/index.html") ? key.slice(0, -"index.html".length) : key;
  const response = await fetch(address, { cache: "no-cache", credentials: "same-origin" });
  if (!response.ok) throw new Error(`offline copy: ${key} answered ${response.status}`);
  return response;
}

// Copy the engine files not yet kept, telling `client` how far it has got (bytes, as the build
// measured them), one file at a time: a reader on a slow line sees steady progress.
let copyingEngine = null;
function cacheEngine() {
  copyingEngine ||= (async () => {
    const cache = await caches.open(CACHE);
    for (const { url } of ENGINE) {
      if (!(await cache.match(scoped(url)))) await cache.put(scoped(url), await download(scoped(url)));
      await tell({ type: "engine-progress", ...(await engineProgress(cache)) });
    }
  })().finally(() => {
    copyingEngine = null;
  });
  return copyingEngine;
}

async function engineProgress(cache) {
  const kept = await Promise.all(ENGINE.map(async ({ url }) => Boolean(await cache.match(scoped(url)))));
  const total = ENGINE.reduce((sum, entry) => sum + entry.size, 0);
  const done = ENGINE.reduce((sum, entry, index) => sum + (kept[index] ? entry.size : 0), 0);
  return { done, total };
}

// The pages of this copy only: another copy's pages on this host would hear of an engine not theirs.
async function tell(message) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
    if (client.url.startsWith(SCOPE)) client.postMessage(message);
  }
}

async function removeOldCaches() {
  await Promise.all((await oldCaches()).map((name) => caches.delete(name)));
}

const ENGINE_KEYS = new Set(ENGINE.map(({ url }) => cacheKey(scoped(url))));

// From the copy when it is there; otherwise from the network, keeping engine files as they come
// (without holding the response back until it is kept: Pyodide compiles the wasm as it streams in).
async function respond(event) {
  const cache = await caches.open(CACHE);
  const key = cacheKey(event.request.url);
  const kept = await cache.match(key);
  if (kept) return kept;
  const response = await fetch(event.request);
  if (response.status === 200 && ENGINE_KEYS.has(key)) event.waitUntil(cache.put(key, response.clone()));
  return response;
}

self.addEventListener("install", (event) => event.waitUntil(precache()));

self.addEventListener("activate", (event) => event.waitUntil(removeOldCaches().then(() => self.clients.claim())));

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") self.skipWaiting();
  if (type === "cache-engine") {
    const copied = cacheEngine().then(
      () => tell({ type: "engine-cached" }),
      (error) => tell({ type: "engine-failed", reason: String(error) }),
    );
    event.waitUntil(copied);
  }
  if (type === "engine-status") {
    const status = caches.open(CACHE).then(engineProgress);
    event.waitUntil(status.then((p) => tell({ type: "engine-status", ...p, copying: copyingEngine !== null })));
  }
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(respond(event));
});
