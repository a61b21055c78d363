// The scoring engine as the page sees it: one module worker (rm-worker.js) shared by every component
// of this page load, asked with requests and answering in Python's one reply shape (`client`, `latest`);
// the progress of its first download (`onDownload`); and, on checklist pages, Material's search index
// held back while it starts. With instant navigation this module stays alive, so the worker survives
// page changes.

/** A failure reported by the worker: Python's message and problems ({path, message}) when it
 * refused a request; only a `code` when the engine itself failed (it cannot word that). */
export class EngineError extends Error {
  constructor({ message = "", problems = [], code = "" } = {}) {
    super(message);
    this.name = "EngineError";
    this.problems = problems;
    this.code = code;
  }
}

let worker = null;
let answered = false; // has the worker ever replied?
let broken = null;
let nextId = 1;
let settled; // resolves the promise below when the worker first replies or fails
const engineSettled = new Promise((resolve) => {
  settled = resolve;
});
const pending = new Map();

function failAll(code) {
  broken = code;
  settled();
  for (const { reject } of pending.values()) reject(new EngineError({ code }));
  pending.clear();
}

function getWorker() {
  if (worker) return worker;
  worker = new Worker(new URL("./rm-worker.js", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event) => {
    if (event.data && "progress" in event.data && !("id" in event.data)) return downloading(event.data.progress);
    if (!answered) setTimeout(settled, 0); // once the page has shown what it asked for
    answered = true;
    const { id, result, error } = event.data || {};
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    if (error !== undefined) waiting.reject(new EngineError(error));
    else waiting.resolve(result);
  });
  // An error the worker did not handle. Before its first reply it means the worker
  // could not start, and nothing would ever answer; later ones are only logged.
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    console.error("rm-worker: uncaught error in the worker.", event.message || event);
    if (!answered) failAll("engine-not-loaded");
  });
  return worker;
}

// The worker starts once the page has been parsed and set up: started earlier, its heavy
// start-up (compiling Pyodide) competes with the page's own for the CPU and makes the page's
// longest task longer, without giving a first result any sooner.
const parsed = new Promise((resolve) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", resolve, { once: true });
  else resolve();
});

/** The scoring engine, shared by every component on every page of this page load. */
const engine = {
  /** Send one request; resolves with the worker's `result`, rejects with an EngineError. */
  async request(action, payload = {}) {
    await parsed;
    if (broken) throw new EngineError({ code: broken });
    const target = getWorker();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      target.postMessage({ id, action, payload });
    });
  },
};

// Material's search builds its index of the whole site's text in a worker of its own as soon as a
// page opens. On a checklist page that takes CPU from the scoring engine's start, which matters
// more (on a 2-core machine it delays the first result by about 90 ms), so there the index is
// requested once the engine has answered, or after SEARCH_WAIT_MS. Search works as before, about
// a second later. Material requests the index once per page load, with XMLHttpRequest.
const SEARCH_INDEX = /\/search\/search_index\.json$/;
const SEARCH_WAIT_MS = 3000;
function holdSearchIndexUntilTheEngineAnswers() {
  const { open, send } = XMLHttpRequest.prototype;
  const held = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (SEARCH_INDEX.test(new URL(url, location.href).pathname)) held.add(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...body) {
    if (!held.delete(this)) return send.apply(this, body);
    Object.assign(XMLHttpRequest.prototype, { open, send }); // the one request only
    const wait = new Promise((resolve) => setTimeout(resolve, SEARCH_WAIT_MS));
    Promise.race([engineSettled, wait]).then(() => send.apply(this, body));
  };
}
if (document.querySelector('[data-module="rm-checklist"]')) holdSearchIndexUntilTheEngineAnswers();

/** Who hears the engine's first download. */
const listeners = new Set();
/** `listen({done, total})` hears each report of the engine's first download (bytes, as the worker
 * counts them) until it returns true. */
export function onDownload(listen) {
  listeners.add(listen);
}
function downloading(figures) {
  for (const listen of listeners) if (listen(figures)) listeners.delete(listen);
}

/** Requests from one tool's component, which each name the tool (id and version, from its data-config).
 * The definition goes with the first only, as the worker keeps it (checks.worker_api); links in what
 * comes back start from the site's full address. */
export function client(root, config) {
  let definition = JSON.parse(root.dataset.definition);
  const base_url = new URL(config.base_url, window.location.href).href;
  return (action, payload) => {
    const request = { checklist: config.checklist, version: config.version, base_url, ...payload };
    if (definition) [request.definition, definition] = [definition, null];
    return engine.request(action, request);
  };
}

/** `request` wrapped so that only the newest call's outcome is shown: `use(result)` or `fail(error)`
 * hears it unless a newer call started meanwhile (a newer edit is already on its way to the worker). */
export function latest(request, use, fail) {
  let newest = 0;
  return async () => {
    const mine = ++newest;
    try {
      const result = await request();
      if (mine === newest) use(result);
    } catch (error) {
      if (mine === newest) fail(error);
    }
  };
}
