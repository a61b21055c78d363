// The scoring engine: Pyodide running the `checks` package, in one module worker.
//
// Protocol (see DESIGN.md, "Worker protocol"): the page posts {id, action, payload};
// the worker replies {id, result} or {id, error[, problems]}, always plain JSON.
// Every action except "ready" goes to checks.worker_api.handle(action, payloadJSON),
// the same Python the tests and the command line call. No logic lives here.

// Every URL is relative to this file, so the site works under any subpath.
const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
const LOCK_FILE_URL = new URL("pyodide-lock.json", INDEX_URL).href;
const PACKAGE = "relationship-matters-checks";
const LOAD_FAILED = "The scoring engine could not be loaded.";
const REQUEST_FAILED = "The scoring engine failed while handling this request.";

// Start at once: the download (about 13 MB the first time) overlaps with the page's own work.
const engine = start();
engine.catch((error) => console.error("rm-worker: loading Pyodide failed.", error));

async function start() {
  // A dynamic import (not a static one) so that a missing or blocked pyodide.mjs
  // becomes a plain error reply instead of a worker that never answers.
  const { loadPyodide } = await import(new URL("pyodide.mjs", INDEX_URL).href);
  const pyodide = await loadPyodide({
    indexURL: INDEX_URL,
    lockFileURL: LOCK_FILE_URL,
    packages: [PACKAGE],
  });
  // Loading a package only logs when it fails: importing is the real check.
  const api = pyodide.pyimport("checks.worker_api");
  return api.handle;
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
