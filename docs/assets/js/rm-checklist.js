// rm-checklist: keeps a checklist's saved document in this browser as the reader answers, and moves
// it to and from the scoring worker (checks.worker_api). Python renders all it shows (checks.component:
// the forms, the toolbar, hidden until this runs, and every sentence, in data-config) and decides all
// about the document: its blank form, where it is kept, its export and its checks. This module only
// wires events, saves and moves data; it never changes the version a document was saved for.

export function initChecklist(root, { openStore, download, client, notices, formFields, watchDownload }) {
  const config = JSON.parse(root.dataset.config); // none: this throws, and rm-main logs it
  const words = config.messages;
  const { show: put, explain } = notices(words);
  const fields = formFields(root, config.parts);
  const [panel, toolbar, printed, live] = [".rm-results", ".rm-toolbar", ".rm-print-answers", ".rm-count-live"].map(
    (selector) => root.querySelector(selector),
  );
  const counts = answeredCounts(root, words);
  const find = (selector) => toolbar.querySelector(selector);
  const [status, alertBox, warning, fileInput] = [".rm-toolbar-status", ".rm-alert", ".rm-warning", "input"].map(find);
  const store = openStore(config.storage_key);
  const ask = client(root, config);
  // Any format Python reads; anything else (an answers part that is not a mapping) starts blank.
  let doc = store.load(config.blank, (data) => Object.prototype.toString.call(data.answers) === "[object Object]");
  let scoring = 0;
  let shown = ""; // the panel's HTML as the worker sent it
  let noteTimer = 0;

  // The form works as soon as it is shown: answers given before this script ran are kept, unless
  // the saved document already answers them.
  if (fields.keepGiven(doc)) save();
  fields.show(doc);
  counts.update(doc);
  const organisations = earlierOrganisations();
  put(panel, words.loading, [], "rm-progress"); // the panel is rendered in its "loading" state
  watchDownload(panel, words); // the engine's first download, shown while the panel is "loading"
  for (const form of root.querySelectorAll("form")) {
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", (event) => edit(event.target, false));
    form.addEventListener("change", (event) => edit(event.target, true));
  }
  const actions = {
    export: () => attempt("export", () => fetchFile("export", {})),
    import: () => fileInput.click(),
    report: (format) => attempt("report", () => fetchFile("report", { format })),
    print: () => {
      delete root.dataset.print;
      window.print();
    },
    // The empty form, for people who answer on paper: site.css prints no answer, note or result.
    "print-blank": () => {
      root.dataset.print = "blank";
      window.print();
    },
    reset: startAgain,
  };
  toolbar.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-action]");
    if (button) actions[button.dataset.action](button.dataset.format);
  });
  fileInput.addEventListener("change", () => {
    const [file] = fileInput.files;
    fileInput.value = "";
    if (file) attempt("import", () => importFile(file));
  });
  window.addEventListener("afterprint", () => delete root.dataset.print);
  // "See your result": to the results heading, focus and all. Material's instant navigation would
  // fetch the page again for it and start the form afresh.
  root.querySelector(".rm-jump a").addEventListener("click", (event) => {
    const heading = document.getElementById(new URL(event.currentTarget.href).hash.slice(1));
    if (!heading) return;
    event.preventDefault();
    event.stopPropagation();
    history.pushState(null, "", event.currentTarget.hash);
    heading.tabIndex = -1;
    heading.scrollIntoView();
    heading.focus({ preventScroll: true });
  });
  toolbar.hidden = false;
  warning.hidden = store.ok;
  performance.mark("rm-checklist:usable"); // every answer is saved from here: the benchmark's "form usable"
  rescore();

  /** `input` (each key typed) saves text; `change` (committed) saves choices and rescores an answer. */
  function edit(control, committed) {
    const [part, key] = fields.slot(control);
    const choice = control.type === "radio" || control.type === "checkbox";
    if (!part || (choice && !committed) || (control.type === "radio" && !control.checked)) return;
    const value = fields.valueOf(control);
    if (value) (doc[part] ??= {})[key] = value;
    else delete doc[part]?.[key];
    if (control.dataset.clears) {
      const [clearedPart, clearedKey] = fields.slot(document.getElementById(control.dataset.clears));
      if (value) delete doc[clearedPart]?.[clearedKey]; // "answer anonymously" keeps no name
      fields.show(doc);
    }
    save();
    if (committed && part === "answers") {
      const said = counts.update(doc, control);
      if (said) live.textContent = said; // said only when the count changes
      rescore();
    } else if (part === "notes") {
      // Notes are printed with the answers: refreshed once typing pauses, the results panel untouched.
      clearTimeout(noteTimer);
      noteTimer = setTimeout(rescore, 500);
    }
    if (committed && control.list) organisations.add(value);
  }

  /** The organisations given before in this browser (any checklist), offered in the field's datalist. */
  function earlierOrganisations() {
    const { key, most } = config.organisations;
    const kept = openStore(key);
    let names = kept.load([], Array.isArray).filter((name) => typeof name === "string");
    const list = root.querySelector("datalist");
    const offer = () => list.replaceChildren(...names.map((name) => new Option(name)));
    offer();
    return {
      add(name) {
        if (!name.trim()) return;
        names = [name, ...names.filter((other) => other !== name)].slice(0, most);
        kept.write(JSON.stringify(names));
        offer();
      },
    };
  }

  function save(stamp = true) {
    if (stamp) doc.saved_at = new Date().toISOString();
    if (!store.write(JSON.stringify(doc))) warning.hidden = false;
  }

  async function rescore() {
    const mine = ++scoring;
    try {
      const { html, answers } = await ask("score", { document: doc });
      if (mine !== scoring) return; // a newer answer is already being scored
      printed.innerHTML = answers; // built and escaped by checks (Python), like the panel
      if (html === shown && panel.dataset.state === "ready") return; // nothing new to announce
      panel.innerHTML = shown = html;
      panel.dataset.state = "ready";
    } catch (error) {
      if (mine !== scoring) return;
      console.error("rm-checklist: results are unavailable.", error);
      const [title, reasons] = explain(error, "score");
      put(panel, `${title} ${store.ok ? words.kept_saved : words.kept_until_close}`, reasons);
      panel.dataset.state = "error";
      printed.replaceChildren();
    }
  }

  /** Export or a report: a file Python makes (name, type and content), saved as a download. */
  async function fetchFile(action, payload) {
    const reply = await ask(action, { ...payload, document: doc, today: today() });
    download(reply.file);
    return reply.status;
  }

  async function importFile(file) {
    tell(words.checking);
    const text = await file.slice(0, config.max_bytes + 1).text(); // Python refuses larger files by size
    const reply = await ask("import", { filename: file.name, size: file.size, text });
    replace(reply.document); // checked in full by Python before anything is kept
    return reply.status;
  }

  function startAgain() {
    tell();
    if (!window.confirm(words.confirm_reset)) return;
    replace(null);
    tell(words.cleared);
  }

  /** Put another document in place, kept; or, for none, the blank one, with nothing kept. */
  function replace(next) {
    doc = next ?? structuredClone(config.blank);
    if (next) save(false);
    else store.remove();
    fields.show(doc);
    counts.update(doc);
    rescore();
  }

  /** Run a toolbar action: what it says goes in the status line, why it failed in the alert. */
  async function attempt(action, work) {
    tell();
    try {
      tell(await work());
    } catch (error) {
      console.error(`rm-checklist: ${action} failed.`, error);
      tell("", ...explain(error, action));
    }
  }

  function tell(text = "", title = "", reasons = []) {
    status.textContent = text;
    put(alertBox, title, reasons, "rm-alert-title");
  }
}

/** The answered counts Python rendered (hidden) at the top of the form and under each section's heading,
 * filled in from the saved document's answers with Python's words (the count messages, with placeholders). */
function answeredCounts(root, words) {
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => values[name]);
  const sections = [...root.querySelectorAll(".rm-form .rm-section")].map((section) => ({
    section,
    title: section.querySelector("h2").textContent,
    ids: [...section.querySelectorAll("[data-question]")].map((fieldset) => fieldset.dataset.question),
    box: section.querySelector(".rm-count[data-count]"),
  }));
  const overall = root.querySelector('.rm-count[data-count="all"]');
  const total = sections.reduce((sum, { ids }) => sum + ids.length, 0);
  let before = -1;
  return {
    /** Show the counts. When `control` was just answered and the overall count changed, the sentence
     * to announce (its section's count and the overall one); else "". */
    update(doc, control = null) {
      const has = (id) => Object.hasOwn(doc.answers ?? {}, id);
      let answered = 0;
      let mine = null;
      for (const { section, title, ids, box } of sections) {
        const done = ids.filter(has).length;
        answered += done;
        box.textContent = fill(words.count_section, { answered: done, total: ids.length });
        box.hidden = false;
        if (control && section.contains(control)) {
          mine = { section: title, section_answered: done, section_total: ids.length };
        }
      }
      overall.textContent = fill(words.count_all, { answered, total });
      overall.hidden = false;
      const changed = answered !== before;
      before = answered;
      return changed && mine ? fill(words.count_announce, { ...mine, answered, total }) : "";
    },
  };
}

// The reader's own day, for file names (Python never reads the clock).
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
