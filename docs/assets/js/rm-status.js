// What the reader is told, always in Python's words: a box of notices (a title and reasons), a
// component's toolbar (its status line, alert and storage warning) and a panel that waits for the
// engine, showing its first download.

import { onDownload } from "./rm-engine.js";
import { fillMegabytes } from "./rm-offline.js";
import { within } from "./rm-store.js";

/** Showing Python's words: `show` puts a title and a list of reasons in a box; `explain` gives a failure's
 * [title, reasons]: Python's when it refused a request, else the component's `words` for what failed
 * and why, in one sentence (the engine's own failure, which Python cannot word, has a code). */
export function notices(words) {
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

/** Put markup Python built (and escaped) in `element`, changing only the parts at its top level that
 * differ: an unchanged part stays the same node. So a panel's summary, its live part, is heard when it
 * changes rather than after every key, and a reader's focus inside an unchanged part (a Remove button in
 * a list redrawn for an edit elsewhere) stays where it is. Focus in a part drawn afresh (by a save in
 * another tab, say) would fall to the page's body, back at the top: it goes to the same control drawn
 * again (`counterpart`), else to what `elsewhere(control)` gives (the element itself, if it takes focus). */
export function draw(element, html, elsewhere = () => element) {
  const active = document.activeElement;
  const was = element !== active && element.contains(active) ? active : null;
  const next = document.createElement("template");
  next.innerHTML = html;
  const fresh = [...next.content.childNodes];
  const old = [...element.childNodes];
  fresh.forEach((node, index) => {
    if (!old[index]) element.append(node);
    else if (!old[index].isEqualNode(node)) old[index].replaceWith(node);
  });
  for (const extra of old.slice(fresh.length)) extra.remove();
  if (was && !was.isConnected) (counterpart(element, was) ?? elsewhere(was))?.focus();
}

/** In `box`, the control drawn in place of `was`: the one with its id; else with its name (a table's
 * scrolling box, named by its caption); else a button that does and says the same (a file's Remove). */
function counterpart(box, was) {
  if (was.id) return box.querySelector(`#${CSS.escape(was.id)}`);
  for (const name of ["aria-labelledby", "aria-label"]) {
    if (was.hasAttribute(name)) return box.querySelector(`[${name}="${CSS.escape(was.getAttribute(name))}"]`);
  }
  const { action } = was.dataset;
  const same = action ? box.querySelectorAll(`[data-action="${CSS.escape(action)}"]`) : [];
  return [...same].find((control) => control.textContent === was.textContent) ?? null;
}

/** In-page links in `area` (a panel's findings, its questions still to answer, "See your result") lead to what
 * they name on this page, focus and all, as GOV.UK Frontend's error summary does. A form's field takes focus
 * (for a question's group, its chosen answer, else its first), with what names it (its label; a radio's
 * group's legend) scrolled into view above it; anything else (a heading) takes focus itself, and its address
 * goes in the history, as a followed link's would. The links are plain anchors, and lead there without this
 * too; a link to nothing shown on the page is left to the browser. Material's instant navigation never sees
 * these clicks: it would draw the page again, the tool with it, and leave focus at the top. */
export function followLinks(area) {
  area.addEventListener("click", (event) => {
    // By address: Material makes the addresses of the links in the page as loaded whole ("See your result").
    const link = event.target.closest("a[href]");
    const to = link && new URL(link.href);
    const here = to?.hash && to.origin === location.origin && to.pathname === location.pathname;
    const target = here && document.getElementById(decodeURIComponent(to.hash.slice(1)));
    if (!target?.getClientRects().length) return;
    event.preventDefault();
    event.stopPropagation();
    const group = target.matches("fieldset") ? target.querySelector("input:checked, input, select, textarea") : null;
    const field = target.closest("form") ? (group ?? target) : null;
    if (!field) history.pushState(null, "", to.hash); // a place in the page (a heading), as a link's would be
    if (!field?.matches("input, select, textarea")) target.tabIndex = -1; // a heading, say
    const place = field ?? target;
    const legend = place.closest("fieldset")?.querySelector("legend");
    const label = place.type === "radio" || place.type === "checkbox" ? legend : place.labels?.[0];
    (label ?? legend ?? place).scrollIntoView();
    place.focus({ preventScroll: true });
  });
}

/** How long an emptied status line or alert stays empty before its new words go in (see toolbar). A
 * screen reader speaks a live region when its words change, so the same words again would go unheard;
 * emptied first, and filled once the empty region has reached the accessibility tree, they are heard. */
const SAY_AFTER_MS = 100;

/** Resolves once an emptied live region may be filled again and be heard (see SAY_AFTER_MS). */
export function pauseToBeHeard() {
  return new Promise((done) => setTimeout(done, SAY_AFTER_MS));
}

/** How long an action runs before the toolbar says it is under way (see toolbar's attempt). */
const WORKING_AFTER_MS = 1000;

/** A component's toolbar, rendered hidden by Python with a status line, an alert and a storage warning.
 * `tell(text, title, reasons)` says `text` in the status line, or a failure in the alert; `tell()` empties
 * both. `attempt(action, work)` runs one action (mostly a worker request): what `work` resolves with goes
 * in the status line; why it failed goes in the alert, in Python's words (see notices), and to `onError`;
 * while it runs past WORKING_AFTER_MS, the status line says it is under way (`words.working`). */
export function toolbar(box, { name, words, store, most, onError = () => {} }) {
  const find = (selector) => box.querySelector(selector);
  const [status, alertBox, warning] = [".rm-toolbar-status", ".rm-alert", ".rm-warning"].map(find);
  const { show, explain } = notices(words);
  // Both lines are emptied at once and filled SAY_AFTER_MS later: the same words again (a second Move up
  // pressed on the first row, say) are then heard again.
  let pending = 0;
  const tell = (text = "", title = "", reasons = []) => {
    clearTimeout(pending);
    status.textContent = "";
    show(alertBox, "");
    if (!text && !title) return;
    pending = setTimeout(() => {
      status.textContent = text;
      show(alertBox, title, reasons, "rm-alert-title");
    }, SAY_AFTER_MS);
  };
  const attempt = async (action, work) => {
    tell();
    // An action that takes a while (pressed while the engine still downloads, say) is said to be under
    // way, unless its work has said something already; otherwise nothing would answer the press.
    const slow = setTimeout(() => status.textContent || tell(words.working), WORKING_AFTER_MS);
    try {
      tell(await work());
    } catch (error) {
      console.error(`${name}: ${action} failed.`, error);
      onError(error);
      tell("", ...explain(error, action));
    } finally {
      clearTimeout(slow);
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
    /** A file chosen with `input` goes to `read({filename, size, text})`, run as `action`; a file larger
     * than `limit` bytes (the toolbar's `most` unless given) goes without its text, unread, as Python
     * refuses it by its size alone. The input is emptied, so the same file can be chosen again. */
    onFile(input, action, read, limit = most) {
      input.addEventListener("change", () => {
        const [file] = input.files;
        input.value = "";
        if (!file) return;
        attempt(action, async () => {
          tell(words.checking);
          return read({ filename: file.name, size: file.size, text: await within(file, limit) });
        });
      });
    },
    /** When Python asks first (`reply.confirm`: the file would replace the reader's work) and the reader
     * says no, what to say (its `declined`); else "", and the file may go in. */
    declined({ confirm }) {
      return confirm && !window.confirm(confirm.question) ? confirm.declined : "";
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

/** A panel that waits for the engine: `watchDownload(panel, words)` puts it in its "loading" state (data-state),
 * saying so in Python's words (`loading`), and shows the engine's first download there while it stays
 * "loading", as the worker reports it ({progress: {done, total}}, not a reply): a <progress> with words
 * from Python (`downloading`, with {done} and {total} in MB, and `download_label`). What is seen changes
 * as the bytes come; what a screen reader hears (the panel is a live region) changes at most every
 * SPEAK_EVERY_MS. */
const SPEAK_EVERY_MS = 10_000;
export function watchDownload(panel, words) {
  panel.dataset.state = "loading";
  notices(words).show(panel, words.loading, [], "rm-progress");
  // What is heard has a polite status of its own: not every panel is a live region (the agreement's
  // preview is not). It is there, empty, before its first words, as a live region must be to be heard.
  const heard = Object.assign(document.createElement("p"), { className: "rm-visually-hidden rm-download-heard" });
  heard.setAttribute("role", "status");
  panel.append(heard);
  let spoken = 0;
  const watcher = ({ done, total }) => {
    if (!panel.isConnected || panel.dataset.state !== "loading") return true; // heard enough
    const text = fillMegabytes(words.downloading, { done, total });
    let bar = panel.querySelector("progress");
    if (!bar) {
      bar = Object.assign(document.createElement("progress"), { max: total });
      bar.setAttribute("aria-label", words.download_label);
      const seen = Object.assign(document.createElement("p"), { ariaHidden: "true", className: "rm-download-seen" });
      heard.before(bar, seen);
    }
    Object.assign(bar, { max: total, value: done });
    panel.querySelector(".rm-download-seen").textContent = text;
    if (Date.now() - spoken >= SPEAK_EVERY_MS) {
      spoken = Date.now();
      heard.textContent = text;
    }
  };
  onDownload(watcher);
}
