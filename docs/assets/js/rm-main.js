// The page's entry module: marks that JavaScript runs, starts each component, and owns what
// components share: the one scoring worker, this browser's storage, file downloads, the toolbar that
// runs an action and tells its outcome in Python's words, form binding and the engine's first download
// shown in a panel. Loaded
// once per page load (extra_javascript, type module); with instant navigation the module stays
// alive, so the worker survives page changes.

import { initAgreement } from "./rm-agreement.js";
import { initChecklist } from "./rm-checklist.js";
import { initCompare } from "./rm-compare.js";
import { initMenu } from "./rm-menu.js";
import { fillMegabytes, initOfflineControl } from "./rm-offline.js";
import { initRegister } from "./rm-register.js";

const COMPONENTS = {
  "rm-checklist": initChecklist,
  "rm-compare": initCompare,
  "rm-agreement": initAgreement,
  "rm-register": initRegister,
  "rm-offline": initOfflineControl,
  "rm-menu": initMenu,
};
const STARTED = "rmStarted"; // data-rm-started on an element once its component is running

document.documentElement.classList.add("js-enabled");

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

/** This browser's localStorage under one key; when the browser refuses, every call quietly does nothing.
 *
 * Storage that is full (setItem throws) can still be read, so what was saved before is shown;
 * storage the browser blocks altogether (reading localStorage throws) is neither read nor written. */
function openStore(key) {
  let storage = null;
  let writable = false;
  try {
    storage = window.localStorage;
    storage.setItem(`${key}:probe`, "1");
    storage.removeItem(`${key}:probe`);
    writable = true;
  } catch {
    // blocked (storage stays null) or full (storage is kept, for reading only)
  }
  const attempt = (action, fallback) => {
    try {
      return action();
    } catch (error) {
      return fallback(error);
    }
  };
  const store = {
    ok: writable,
    read: () => attempt(() => (storage ? storage.getItem(key) : null), () => null),
    write(text) {
      attempt(
        () => writable && storage.setItem(key, text),
        (error) => {
          console.error("rm-main: this browser did not save the data.", error);
          store.ok = false;
        },
      );
      return store.ok;
    },
    remove: () => attempt(() => storage && storage.removeItem(key), () => null),
    /** The object stored as JSON, if `usable` says it is; else a copy of `blank`. */
    load(blank, usable) {
      const text = store.read();
      const data = attempt(() => JSON.parse(text), () => null);
      if (data !== null && typeof data === "object" && usable(data)) return data;
      if (text) console.error(`rm-main: what was saved under ${key} could not be read, so it starts blank.`);
      return structuredClone(blank);
    },
  };
  return store;
}

/** The reader's own day (Python never reads the clock): for file names, and review dates in registers. */
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** Save a file Python made ({name, mime, and text or base64}) as a download. */
function download(file) {
  const body = "base64" in file ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : file.text;
  const url = URL.createObjectURL(new Blob([body], { type: file.mime }));
  const link = Object.assign(document.createElement("a"), { href: url, download: file.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Requests from one tool's component, which each name the tool (id and version, from its data-config).
 * The definition goes with the first only, as the worker keeps it (checks.worker_api); links in what
 * comes back start from the site's full address. */
function client(root, config) {
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
function latest(request, use, fail) {
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

/** Showing Python's words: `show` puts a title and a list of reasons in a box; `explain` gives a failure's
 * [title, reasons]: Python's when it refused a request, else the component's `words` for what failed
 * and why, in one sentence (the engine's own failure, which Python cannot word, has a code). */
function notices(words) {
  const element = (tag, className, text) =>
    Object.assign(document.createElement(tag), { className, textContent: text });
  return {
    show(box, title, reasons = [], className = "") {
      const list = element("ul", "rm-problems", "");
      list.append(...reasons.map((reason) => element("li", "", String(reason))));
      box.replaceChildren(...(title ? [element("p", className, title)] : []), ...(reasons.length ? [list] : []));
    },
    explain(error, action) {
      if (error?.name === "EngineError" && error.message) {
        return [error.message, error.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))];
      }
      return [`${words[action]} ${words[error?.code] ?? words.page_failed}`, []];
    },
  };
}

/** What every tool component starts from: its data-config (`config`, with Python's `words`), the store of
 * its saved document, its worker client `ask`, its toolbar `bar` (see toolbar: `name` begins its console
 * messages, `onError` hears an action's error too) and `show` (see notices). `fetchFile` asks for an
 * export or a report, dated the reader's own day, saves the file Python makes as a download and resolves
 * with what Python says of it. `failed(panel, error, action)` has a panel whose request failed say what
 * failed and why, and whether the reader's work is still saved in this browser; it returns the title. */
function tool(root, name, onError) {
  const config = JSON.parse(root.dataset.config); // none: this throws, and the component is not started
  const words = config.messages;
  const { show, explain } = notices(words);
  const store = openStore(config.storage_key);
  const bar = toolbar(root.querySelector(".rm-toolbar"), { name, words, store, most: config.max_bytes, onError });
  const ask = client(root, config);
  const fetchFile = async (action, payload) => {
    const reply = await ask(action, { ...payload, today: today() });
    download(reply.file);
    return reply.status;
  };
  const failed = (panel, error, action) => {
    const [title, reasons] = explain(error, action);
    show(panel, `${title} ${store.ok ? words.kept_saved : words.kept_until_close}`, reasons);
    panel.dataset.state = "error";
    return title;
  };
  return { config, words, store, ask, fetchFile, bar, show, failed };
}

/** A component's toolbar, rendered hidden by Python with a status line, an alert and a storage warning.
 * `attempt(action, work)` runs one action (mostly a worker request): what `work` resolves with goes in the
 * status line; why it failed goes in the alert, in Python's words (see notices), and to `onError`. */
function toolbar(box, { name, words, store, most, onError = () => {} }) {
  const find = (selector) => box.querySelector(selector);
  const [status, alertBox, warning] = [".rm-toolbar-status", ".rm-alert", ".rm-warning"].map(find);
  const { show, explain } = notices(words);
  const tell = (text = "", title = "", reasons = []) => {
    status.textContent = text;
    show(alertBox, title, reasons, "rm-alert-title");
  };
  const attempt = async (action, work) => {
    tell();
    try {
      tell(await work());
    } catch (error) {
      console.error(`${name}: ${action} failed.`, error);
      onError(error);
      tell("", ...explain(error, action));
    }
  };
  const save = (doc, stamp = true) => {
    if (stamp) doc.saved_at = new Date().toISOString();
    if (!store.write(JSON.stringify(doc))) warning.hidden = false;
  };
  return {
    tell,
    attempt,
    /** Send a click on each button[data-action] in `area` to actions[its action](button); then show the
     * toolbar, and its warning when this browser keeps nothing. */
    start(actions, area = box) {
      area.addEventListener("click", (event) => {
        const button = event.target.closest("button[data-action]");
        if (button && actions[button.dataset.action]) actions[button.dataset.action](button);
      });
      box.hidden = false;
      warning.hidden = store.ok;
    },
    /** A file chosen with `input` goes to `read({filename, size, text})`, run as `action`, with no more of
     * its text than `most` bytes and one: Python refuses a larger file by its size. The input is emptied,
     * so the same file can be chosen again. */
    onFile(input, action, read) {
      input.addEventListener("change", () => {
        const [file] = input.files;
        input.value = "";
        if (!file) return;
        attempt(action, async () => {
          tell(words.checking);
          return read({ filename: file.name, size: file.size, text: await file.slice(0, most + 1).text() });
        });
      });
    },
    /** Keep `doc` in this browser, stamped with the time unless `stamp` is false (a document read from a
     * file keeps its own); the warning shows when the browser refuses. */
    save,
    /** Put `next` in place of the saved document, kept (see save); or, for none, a copy of `blank`, with
     * nothing kept. Returns the document now in place. */
    replace(next, blank, stamp = false) {
      if (next) save(next, stamp);
      else store.remove();
      return next ?? structuredClone(blank);
    },
    /** "Start again": once the reader confirms (Python's words.confirm_reset), `clear()` and say so. */
    startAgain(clear) {
      tell();
      if (!window.confirm(words.confirm_reset)) return;
      clear();
      tell(words.cleared);
    },
  };
}

/** The controls of a component's forms that fill its saved document. Python marks each with a data
 * attribute on it or around it, and says which part of the document each attribute fills (`parts`:
 * {question: "answers"} with data-question="trust-open" fills answers["trust-open"]). */
function formFields(root, parts) {
  const owners = Object.keys(parts).map((name) => `[data-${name}]`).join(", ");
  const has = (fields, key) => Object.hasOwn(fields ?? {}, key);
  // [control, part, key] for each control, found once: the forms are rendered by the build and never change.
  const found = [];
  for (const control of root.querySelectorAll("form input, form textarea")) {
    const owner = control.closest(owners);
    const name = Object.keys(owner?.dataset ?? {}).find((attribute) => attribute in parts);
    if (name) found.push([control, parts[name], owner.dataset[name]]);
  }
  const slots = new Map(found.map(([control, part, key]) => [control, [part, key]]));
  const valueOf = (c) => (c.type === "checkbox" ? c.checked : c.type === "radio" && !c.checked ? "" : c.value);
  const show = (doc) => {
    for (const [control, part, key] of found) {
      const value = has(doc[part], key) ? doc[part][key] : "";
      if (control.type === "radio") control.checked = value === control.value;
      else if (control.type === "checkbox") control.checked = value === true;
      else control.value = value;
      const cleared = control.dataset.clears && document.getElementById(control.dataset.clears);
      if (cleared) cleared.disabled = value === true;
    }
  };
  return {
    /** Send each `input` (text as it is typed: committed false) and `change` (committed: text and
     * choices) in the forms to `edit(control, committed)`. The forms are never submitted. */
    listen(edit) {
      for (const form of root.querySelectorAll("form")) {
        form.addEventListener("submit", (event) => event.preventDefault());
        form.addEventListener("input", (event) => edit(event.target, false));
        form.addEventListener("change", (event) => edit(event.target, true));
      }
    },
    /** Put what `control` holds in `doc` (an empty value removes its key): text on any edit, a choice
     * once committed. Returns the part it filled, or "" when the edit changes nothing. A control with
     * data-clears, once set, removes what its target holds ("answer anonymously" keeps no name). */
    take(doc, control, committed) {
      const [part, key] = slots.get(control) ?? [];
      const choice = control.type === "radio" || control.type === "checkbox";
      if (!part || (choice && !committed) || (control.type === "radio" && !control.checked)) return "";
      const value = valueOf(control);
      if (value) (doc[part] ??= {})[key] = value;
      else delete doc[part]?.[key];
      if (control.dataset.clears) {
        const [clearedPart, clearedKey] = slots.get(document.getElementById(control.dataset.clears)) ?? [];
        if (value) delete doc[clearedPart]?.[clearedKey];
        show(doc);
      }
      return part;
    },
    /** Show `doc` in the forms once the values given in them (before the page script ran, say) that it does
     * not have are added to it; true when it gained one. */
    adopt(doc) {
      const given = found.filter(([control, part, key]) => valueOf(control) && !has(doc[part], key));
      for (const [control, part, key] of given) (doc[part] ??= {})[key] = valueOf(control);
      show(doc);
      return given.length > 0;
    },
    /** Show `doc` in the forms (what they have no control for stays in it, untouched). A checked
     * control with data-clears disables the control whose id it gives ("answer anonymously": no name). */
    show,
  };
}

/** A panel that waits for the engine: `watchDownload(panel, words)` puts it in its "loading" state (data-state),
 * saying so in Python's words (`loading`), and shows the engine's first download there while it stays
 * "loading", as the worker reports it ({progress: {done, total}}, not a reply): a <progress> with words
 * from Python (`downloading`, with {done} and {total} in MB, and `download_label`). What is seen changes
 * as the bytes come; what a screen reader hears (the panel is a live region) changes at most every
 * SPEAK_EVERY_MS. */
const SPEAK_EVERY_MS = 10_000;
const watchers = new Set();
function downloading(figures) {
  for (const watcher of watchers) watcher(figures);
}
function watchDownload(panel, words) {
  panel.dataset.state = "loading";
  notices(words).show(panel, words.loading, [], "rm-progress");
  let spoken = 0;
  const watcher = ({ done, total }) => {
    if (!panel.isConnected || panel.dataset.state !== "loading") return watchers.delete(watcher);
    const text = fillMegabytes(words.downloading, { done, total });
    let bar = panel.querySelector("progress");
    if (!bar) {
      bar = Object.assign(document.createElement("progress"), { max: total });
      bar.setAttribute("aria-label", words.download_label);
      const seen = Object.assign(document.createElement("p"), { ariaHidden: "true", className: "rm-download-seen" });
      const heard = Object.assign(document.createElement("p"), { className: "rm-visually-hidden rm-download-heard" });
      panel.append(bar, seen, heard);
    }
    Object.assign(bar, { max: total, value: done });
    panel.querySelector(".rm-download-seen").textContent = text;
    if (Date.now() - spoken >= SPEAK_EVERY_MS) {
      spoken = Date.now();
      panel.querySelector(".rm-download-heard").textContent = text;
    }
  };
  watchers.add(watcher);
}

/** What every component is given when it starts (a tool's own, from `tool`; the rest for any component). */
const services = { tool, openStore, latest, today, formFields, watchDownload };

function startComponents(root) {
  document.body.classList.add("js-enabled");
  for (const element of root.querySelectorAll("[data-module]")) {
    const name = element.dataset.module;
    const init = COMPONENTS[name];
    if (!init || element.dataset[STARTED]) continue;
    element.dataset[STARTED] = "true";
    try {
      init(element, services);
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
