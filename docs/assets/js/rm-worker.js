// The scoring engine: Pyodide running the `checks` package, in one module worker.
//
// Protocol (see DESIGN.md, "Worker protocol"): the page posts {id, action, payload};
// the worker replies {id, result} or {id, error[, problems]}, always plain JSON.
// Every action except "ready" goes to checks.worker_api.handle(action, payloadJSON),
// the same Python the tests and the command line call. No logic lives here.

// Every URL is relative to this file, so the site works under any subpath.
const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const LOCK_FILE_URL = new URL("pyodide-lock.json", INDEX_URL).href;
const SNAPSHOT_URL = new URL("snapshot.bin.gz", INDEX_URL).href;
const PACKAGE = "relationship-matters-checks";
const LOAD_FAILED = "The scoring engine could not be loaded.";
const REQUEST_FAILED = "The scoring engine failed while handling this request.";

// A failed download rejects promises inside Pyodide that nothing handles. Until Pyodide has
// loaded (and for good if it never does) they are only logged: the failure reaches the page
// as a plain error reply instead.
let loaded = false;
self.addEventListener("unhandledrejection", (event) => {
  if (loaded) return;
  event.preventDefault();
  console.warn("rm-worker: while loading Pyodide:", event.reason);
});

// Start at once: the download (about 19 MB the first time) overlaps with the page's own work.
const engine = start();
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
    pyodide = await Promise.race([startPython(loadPyodide, snapshot), watch.failed]);
  } finally {
    watch.stop();
  }
  // Loading a package only logs when it fails: importing is the real check.
  const api = pyodide.pyimport("checks.worker_api");
  return api.handle;
}

// The build saved Pyodide's memory with every `checks` module imported (macros/snapshot-python.mjs);
// restoring it skips Python's start-up. Should that fail (the file blocked, say), Python starts
// as usual and installs the checks wheel named in the lock file: slower, same results.
async function startPython(loadPyodide, snapshot) {
  try {
    return await loadPyodide({ indexURL: INDEX_URL, _loadSnapshot: snapshot });
  } catch (error) {
    console.warn("rm-worker: could not start from the snapshot; starting Python in full.", error);
    return loadPyodide({ indexURL: INDEX_URL, lockFileURL: LOCK_FILE_URL, packages: [PACKAGE] });
  }
}

// The snapshot is stored gzip-compressed, as few hosts compress binary files themselves.
// A host that sends .gz files with Content-Encoding: gzip has the browser unpack it already.
async function fetchSnapshot() {
  const response = await fetch(SNAPSHOT_URL);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${SNAPSHOT_URL}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // not gzip: WebAssembly memory starts with zeros
  const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(unpacked).arrayBuffer());
}

// When pyodide.asm.wasm cannot be fetched or compiled, Pyodide 314 only logs
// "wasm instantiation failed!" and its promise never settles. Watching this worker's
// own WebAssembly calls while it loads turns that into a rejection we can report.
function watchWasm() {
  const originals = {};
  const failed = new Promise((_, reject) => {
    for (const name of ["instantiateStreaming", "instantiate"]) {
      const original = WebAssembly[name];
      if (typeof original !== "function") continue;
      originals[name] = original;
      WebAssembly[name] = function (...args) {
        const pending = original.apply(this, args);
        pending.catch(reject);
        return pending;
      };
    }
  });
  failed.catch(() => {}); // reported through the race above
  return {
    failed,
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
  let reply;
  try {
    reply = JSON.parse(handle(action, JSON.stringify(payload ?? {})));
  } catch (error) {
    console.error(`rm-worker: action ${JSON.stringify(action)} failed.`, error);
    self.postMessage({ id, error: REQUEST_FAILED });
    return;
  }
  if (reply && typeof reply === "object" && "error" in reply) {
    // checks refused the input and said why, in plain English.
    self.postMessage({ id, error: String(reply.error), problems: reply.problems || [] });
  } else {
    self.postMessage({ id, result: reply });
  }
});
