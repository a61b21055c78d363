// The scoring engine: Pyodide running the `checks` package, in one module worker.
//
// Protocol (see DESIGN.md, "Worker protocol"): the page posts {id, action, payload}; the worker
// replies {id, result} or {id, error: {message, problems: [{path, message}]}}, always plain JSON.
// Every action except "ready" goes to checks.worker_api.handle(action, payloadJSON), the same
// Python the tests and the command line call, which answers in that shape. No logic lives here.

import { MAX_BYTES, PYTHON_ENV, readSnapshot } from "./rm-snapshot.js";

// Every URL is relative to this file, so the site works under any subpath.
const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const LOCK_FILE_URL = new URL("pyodide-lock.json", INDEX_URL).href;
const SNAPSHOT_URL = new URL("snapshot.bin.gz", INDEX_URL).href;
// With the snapshot, Pyodide mounts its default python_stdlib.zip, which the build trimmed to what the
// restored worker may still import; a start without the snapshot needs the whole standard library.
const FULL_STDLIB_URL = new URL("python_stdlib_full.zip", INDEX_URL).href;
const PACKAGE = "relationship-matters-checks";
// When the engine itself fails, Python cannot word it: the reply carries a code, which the page
// looks up among the messages Python gave it.
const LOAD_FAILED = { code: "engine-not-loaded", message: "", problems: [] };
const REQUEST_FAILED = { code: "engine-failed", message: "", problems: [] };

// A failed download rejects promises inside Pyodide that nothing handles. Until Pyodide has
// loaded (and for good if it never does) they are only logged: the failure reaches the page
// as a plain error reply instead.
let loaded = false;
self.addEventListener("unhandledrejection", (event) => {
  if (loaded) return;
  event.preventDefault();
  console.warn("rm-worker: while loading Pyodide:", event.reason);
});

// Download progress. While the engine's files arrive the first time, the page is told how many of
// their bytes have come, as unsolicited messages {progress: {done, total}} (no id: not a reply).
// The snapshot's bytes are counted as this module reads them; those of the files Pyodide fetches, on
// a copy of each response (Response.clone), and those of the files loaded by import() once they have
// arrived (resource timing). The total is the build's list of sizes (sitebuild/offline.py). When the
// wasm is already in a cache (asked with only-if-cached at once, before Pyodide fetches it), nothing
// is copied or said: a copy would slow a warm start. By PROGRESS_AFTER_MS cached files have all come.
const SIZES_URL = new URL("sizes.json", INDEX_URL).href;
const ENGINE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "snapshot.bin.gz"];
const PROGRESS_AFTER_MS = 500;
const PROGRESS_EVERY_MS = 250;

function watchDownload() {
  const original = self.fetch;
  const arrived = new Map(); // file name -> bytes so far
  let sizes = null;
  let timer = null;
  const name = (url) => (url.startsWith(INDEX_URL) ? url.slice(INDEX_URL.length).split(/[?#]/)[0] : "");
  let cached = null; // is the wasm in a cache? (null: not known yet)
  original(new URL("pyodide.asm.wasm", INDEX_URL), { cache: "only-if-cached", mode: "same-origin" })
    .then((response) => {
      cached = response.ok;
      response.body?.cancel();
    })
    .catch(() => {
      cached = false;
    });
  original(SIZES_URL)
    .then((response) => (response.ok ? response.json() : null))
    .then((found) => {
      sizes = found;
    })
    .catch(() => {});
  async function count(file, response) {
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      arrived.set(file, (arrived.get(file) ?? 0) + chunk.value.length);
    }
  }
  self.fetch = function (input, init) {
    const pending = original.call(this, input, init);
    const file = name(new URL(input instanceof Request ? input.url : String(input), self.location.href).href);
    if (ENGINE_FILES.includes(file) && cached === false) {
      pending.then((response) => count(file, response.clone())).catch(() => {});
    }
    return pending;
  };
  const imported = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const file = name(entry.name);
      if (ENGINE_FILES.includes(file) && !arrived.has(file)) arrived.set(file, entry.decodedBodySize);
    }
  });
  imported.observe({ type: "resource", buffered: true });
  function tell() {
    if (!sizes || cached !== false) return;
    const total = ENGINE_FILES.reduce((sum, file) => sum + (sizes[file] ?? 0), 0);
    const done = Math.min(total, ENGINE_FILES.reduce((sum, file) => sum + (arrived.get(file) ?? 0), 0));
    if (done < total) self.postMessage({ progress: { done, total } });
  }
  const begin = setTimeout(() => {
    tell();
    timer = setInterval(tell, PROGRESS_EVERY_MS);
  }, PROGRESS_AFTER_MS);
  return {
    /** Bytes of `file` read by this module. */
    add(file, bytes) {
      arrived.set(file, (arrived.get(file) ?? 0) + bytes);
    },
    stop() {
      clearTimeout(begin);
      clearInterval(timer);
      imported.disconnect();
      self.fetch = original;
    },
  };
}

// Start at once: the first download (about 7 MB compressed) overlaps with the page's own work.
const download = watchDownload();
const engine = start();
engine.finally(download.stop).catch(() => {});
engine.then(
  () => {
    loaded = true;
  },
  (error) => console.error("rm-worker: loading Pyodide failed.", error),
);

async function start() {
  const snapshot = fetchSnapshot(); // downloads while pyodide.mjs and its script load
  snapshot.catch(() => {}); // reported where it is awaited
  // A dynamic import (not a static one) so that a missing or blocked pyodide.mjs
  // becomes a plain error reply instead of a worker that never answers.
  const { loadPyodide } = await import(new URL("pyodide.mjs", INDEX_URL).href);
  const watch = watchWasm();
  let pyodide;
  try {
    pyodide = await Promise.race([startPython(loadPyodide, snapshot, watch.memory), watch.failed]);
  } finally {
    watch.stop();
  }
  // Loading a package only logs when it fails: importing is the real check.
  const api = pyodide.pyimport("checks.worker_api");
  return api.handle;
}

// The build saved Pyodide's memory with what a checklist needs imported (sitebuild/snapshot-python.mjs;
// the other tools' modules come from the small python_stdlib.zip on their first action); restoring it
// skips Python's own start-up. The snapshot unpacks while Pyodide's own script loads: loadPyodide()
// is given the buffer once it has, still without its memory, and its fsInit hook fills that in
// (Pyodide restores the memory only after that hook).
// The build stored the memory XOR the memory the wasm starts with (its data segments, which the
// reader has in pyodide.asm.wasm already), and left out the pages where they are the same
// (rm-snapshot.js), so that hook, run once the wasm is instantiated and before any of its code, fills
// the memory in from the wasm's own (`startMemory`).
// Should any of it fail (the file blocked, say), Python starts in full and installs the checks
// wheel named in the lock file: slower, same results.
async function startPython(loadPyodide, snapshot, startMemory) {
  const memory = snapshot.then((s) => s.memory);
  let failed;
  const failure = new Promise((_, reject) => {
    failed = reject;
  });
  // A buffer that failed to fill must never be restored: that start then waits for ever, unused.
  const filled = async () => {
    try {
      const start = startMemory();
      if (!start) throw new Error("the wasm's memory was not seen");
      (await snapshot).fill(start.buffer);
    } catch (error) {
      failed(error);
      await new Promise(() => {});
    }
  };
  try {
    const restoring = loadPyodide({ indexURL: INDEX_URL, _loadSnapshot: memory, fsInit: filled });
    return await Promise.race([restoring, failure]);
  } catch (error) {
    console.warn("rm-worker: could not start from the snapshot; starting Python in full.", error);
    const options = { indexURL: INDEX_URL, stdLibURL: FULL_STDLIB_URL, lockFileURL: LOCK_FILE_URL, env: PYTHON_ENV };
    return loadPyodide({ ...options, packages: [PACKAGE] });
  }
}

// The snapshot is stored gzip-compressed, as few hosts compress binary files themselves. Resolves with
// what readSnapshot() gives: the buffer to restore, and how to fill it.
async function fetchSnapshot() {
  const response = await fetch(SNAPSHOT_URL);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${SNAPSHOT_URL}`);
  const bytes = await readCounted(response, (length) => download.add("snapshot.bin.gz", length));
  // A host that sends .gz files with Content-Encoding: gzip has had the browser unpack it already.
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return readSnapshot(bytes);
  const size = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4).getUint32(0, true); // gzip's trailer
  if (size > MAX_BYTES) throw new Error(`the snapshot claims ${size} bytes: it is damaged`);
  return readSnapshot(await gunzip(bytes, size));
}

// The whole body, its bytes counted as they come (for the download progress).
async function readCounted(response, counted) {
  const chunks = [];
  let length = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    chunks.push(chunk.value);
    length += chunk.value.length;
    counted(chunk.value.length);
  }
  const bytes = new Uint8Array(length);
  chunks.reduce((offset, chunk) => (bytes.set(chunk, offset), offset + chunk.length), 0);
  return bytes;
}

async function gunzip(bytes, size) {
  const unpacked = new Uint8Array(size);
  const chunks = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
  let filled = 0;
  for (let chunk = await chunks.read(); !chunk.done; chunk = await chunks.read()) {
    unpacked.set(chunk.value, filled); // throws past the end
    filled += chunk.value.length;
  }
  if (filled !== size) throw new Error(`the snapshot unpacked to ${filled} bytes, not ${size}`);
  return unpacked;
}

// When pyodide.asm.wasm cannot be fetched or compiled, Pyodide 314 only logs
// "wasm instantiation failed!" and its promise never settles. Watching this worker's
// own WebAssembly calls while it loads turns that into a rejection we can report.
// It also keeps the memory of the instance Pyodide makes (`memory()`), for the snapshot.
function watchWasm() {
  const originals = {};
  let memory = null;
  const failed = new Promise((_, reject) => {
    for (const name of ["instantiateStreaming", "instantiate"]) {
      const original = WebAssembly[name];
      if (typeof original !== "function") continue;
      originals[name] = original;
      WebAssembly[name] = function (...args) {
        const pending = original.apply(this, args);
        pending.then((result) => {
          const exported = (result.instance ?? result).exports.memory;
          if (!memory && exported instanceof WebAssembly.Memory) memory = exported;
        }, reject);
        return pending;
      };
    }
  });
  failed.catch(() => {}); // reported through the race above
  return {
    failed,
    memory: () => memory,
    stop() {
      Object.assign(WebAssembly, originals);
    },
  };
}

self.addEventListener("message", async (event) => {
  const { id, action, payload } = event.data || {};
  let handle;
  try {
    handle = await engine;
  } catch {
    self.postMessage({ id, error: LOAD_FAILED });
    return;
  }
  if (action === "ready") {
    self.postMessage({ id, result: { ready: true } });
    return;
  }
  let reply; // {result} or {error}: Python's one reply shape
  try {
    reply = JSON.parse(handle(String(action), JSON.stringify(payload ?? {})));
  } catch (error) {
    console.error(`rm-worker: action ${JSON.stringify(action)} failed.`, error);
    self.postMessage({ id, error: REQUEST_FAILED });
    return;
  }
  self.postMessage({ id, ...reply });
  if (action === "score" && "result" in reply) warmUp(handle, payload);
});

// Python restored from the snapshot has scored nothing yet, so the browser compiles and optimises
// the scoring code as the first answers come in, which makes them slow. After the first result,
// while the reader reads, a few turns of made-up answers do that work instead (see
// checks.worker_api._warm_up), each in a task of its own so that a real request waits for one turn
// at most.
const WARM_UP_TURNS = 40;
let warmed = false;
function warmUp(handle, { checklist, version, base_url }) {
  if (warmed) return;
  warmed = true;
  const turn = (number) => {
    if (number >= WARM_UP_TURNS) return;
    try {
      handle("warm_up", JSON.stringify({ checklist, version, base_url, turn: number }));
    } catch (error) {
      console.warn("rm-worker: warming up failed; answers are still scored.", error);
      return;
    }
    setTimeout(turn, 0, number + 1);
  };
  setTimeout(turn, 0, 0);
}
