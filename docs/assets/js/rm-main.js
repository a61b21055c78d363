// The page's entry module: marks that JavaScript runs, and starts each component from its data-module
// attribute with the services components share (the engine: rm-engine.js; this device: rm-store.js;
// form binding: rm-forms.js; what the reader is told: rm-status.js). Loaded once per page load
// (extra_javascript, type module); with instant navigation it stays alive, and so does the worker.

import { initAgreement } from "./rm-agreement.js";
import { initChecklist } from "./rm-checklist.js";
import { initCompare } from "./rm-compare.js";
import { initMenu } from "./rm-menu.js";
import { client, latest } from "./rm-engine.js";
import { formFields } from "./rm-forms.js";
import { initOfflineControl } from "./rm-offline.js";
import { initRegister } from "./rm-register.js";
import { draw, followLinks, notices, pauseToBeHeard, toolbar, watchDownload } from "./rm-status.js";
import { download, openStore, today, within } from "./rm-store.js";

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

/** What every tool component starts from: its data-config (`config`, with Python's `words`), the store of
 * its saved document, its worker client `ask`, its toolbar `bar` (see toolbar: `name` begins its console
 * messages, `onError` hears an action's error too) and `show` (see notices). `fetchFile` asks for an
 * export or a report, dated the reader's own day, saves the file Python makes as a download and resolves
 * with what Python says of it, once for each press but one at a time. `replacing(action, payload, current)`
 * asks Python for a document to put in place of the reader's, `current()` (a file's, an example's), and
 * resolves with [its reply, what to say if the reader declined when Python asked first ("": it may go in)].
 * `failed(panel, error, action)` has a panel whose request failed say what
 * failed and why, and whether the reader's work is still saved in this browser; it returns the title. */
function tool(root, name, onError) {
  const config = JSON.parse(root.dataset.config); // none: this throws, and the component is not started
  const words = config.messages;
  const { show, explain } = notices(words);
  const store = openStore(config.storage_key);
  const bar = toolbar(root.querySelector(".rm-toolbar"), { name, words, store, most: config.max_bytes, onError });
  const ask = client(root, config);
  // A file asked for and not come yet (the engine still downloading, say) is not asked for again when its
  // button is pressed again: that press hears that it is under way, and one file comes.
  const coming = new Set();
  const fetchFile = async (action, payload) => {
    const file = JSON.stringify([action, payload.format ?? ""]);
    if (coming.has(file)) return words.working;
    coming.add(file);
    try {
      const reply = await ask(action, { ...payload, today: today() });
      download(reply.file);
      return reply.status;
    } finally {
      coming.delete(file);
    }
  };
  // Typed while Python worked (the engine still downloading, say), the reader's document is sent again, so
  // that Python's question before it replaces their work is about the work they have now.
  const replacing = async (action, payload, current) => {
    let sent, reply;
    do {
      sent = JSON.stringify(current());
      reply = await ask(action, { ...payload, document: JSON.parse(sent) });
    } while (JSON.stringify(current()) !== sent);
    return [reply, bar.declined(reply)];
  };
  const failed = (panel, error, action) => {
    const [title, reasons] = explain(error, action);
    show(panel, `${title} ${store.ok ? words.kept_saved : words.kept_until_close}`, reasons);
    panel.dataset.state = "error";
    return title;
  };
  return { config, words, store, ask, fetchFile, replacing, bar, show, failed };
}

/** What every component is given when it starts (a tool's own, from `tool`; the rest for any component). */
const services = {
  tool, openStore, latest, today, formFields, watchDownload, within, draw, pauseToBeHeard, followLinks,
};

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

// Settle style and layout now, in this module's own short task, for what the components have just
// changed (a toolbar shown, section counts, notes restored). Material's deferred bundle runs next and
// reads layout at once: it would otherwise pay for all of it inside its start-up task, the longest of
// a checklist page's load. Kept by an interleaved A/B (bench/tricks_ab.py, figures there).
document.documentElement.getBoundingClientRect();
