// The page's entry module: marks that JavaScript runs, starts each component, and owns
// the one scoring worker. Loaded once per page load (extra_javascript, type module);
// with instant navigation the module stays alive, so the worker survives page changes.

import { initChecklist } from "./rm-checklist.js";

const COMPONENTS = { "rm-checklist": initChecklist };
const STARTED = "rmStarted"; // data-rm-started on an element once its component is running

document.documentElement.classList.add("js-enabled");

/** A failure reported by the worker: a plain message, and the problems Python listed, if any. */
export class EngineError extends Error {
  constructor(message, problems = []) {
    super(message);
    this.name = "EngineError";
    this.problems = problems;
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

function failAll(message) {
  broken = message;
  settled();
  for (const { reject } of pending.values()) reject(new EngineError(message));
  pending.clear();
}

function getWorker() {
  if (worker) return worker;
  worker = new Worker(new URL("./rm-worker.js", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event) => {
    if (!answered) setTimeout(settled, 0); // once the page has shown what it asked for
    answered = true;
    const { id, result, error, problems } = event.data || {};
    const waiting = pending.get(id);
    if (!waiting) return;
    pending.delete(id);
    if (error !== undefined) waiting.reject(new EngineError(error, problems || []));
    else waiting.resolve(result);
  });
  // An error the worker did not handle. Before its first reply it means the worker
  // could not start, and nothing would ever answer; later ones are only logged.
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    console.error("rm-worker: uncaught error in the worker.", event.message || event);
    if (!answered) failAll("The scoring engine could not be loaded.");
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
export const engine = {
  /** Send one request; resolves with the worker's `result`, rejects with an EngineError. */
  async request(action, payload = {}) {
    await parsed;
    if (broken) throw new EngineError(broken);
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

function startComponents(root) {
  document.body.classList.add("js-enabled");
  for (const element of root.querySelectorAll("[data-module]")) {
    const name = element.dataset.module;
    const init = COMPONENTS[name];
    if (!init || element.dataset[STARTED]) continue;
    element.dataset[STARTED] = "true";
    try {
      init(element, engine);
    } catch (error) {
      console.error(`${name}: failed to start.`, error);
    }
  }
}

// Checklist pages load this module right after the checklist too (see macros/checklists.py), so it
// runs before Material's deferred bundle and the form is live sooner: start what is on the page now.
startComponents(document);

// Material's document$ emits on DOMContentLoaded and after every instant page change. Its bundle
// may not have run yet; starting twice is harmless (see STARTED).
function followPageChanges() {
  const changes = window.document$;
  if (changes && typeof changes.subscribe === "function") changes.subscribe(() => startComponents(document));
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", followPageChanges);
else followPageChanges();

// Settle style and layout now, in this module's own short task, for what it has just changed (the
// js-enabled class, a checklist's toolbar and restored answers). Material's deferred bundle runs
// next and reads layout at once: it would otherwise pay for all of it inside its start-up task,
// the longest of the page load.
document.documentElement.getBoundingClientRect();
